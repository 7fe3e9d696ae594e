// Whose P-Asserted-Identity is believed (flow-runtime/calls/identity-trust.ts) and how
// SIP_TRUSTED_PEERS is read (flow-runtime/config.ts).
import { describe, expect, it } from 'vitest';
import { callerNumber } from '@/flow-runtime/calls/called-number';
import { IdentityTrust, parseTrustedPeers } from '@/flow-runtime/calls/identity-trust';
import { ConfigError, loadConfig } from '@/flow-runtime/config';

const trunk = { host: '192.0.2.10', port: 5060, transport: 'udp' as const };

describe('IdentityTrust', () => {
  it('believes the trunk only from its address and, over UDP, its port', () => {
    const t = new IdentityTrust({ trunk });
    expect(t.isTrusted({ source_address: '192.0.2.10', source_port: 5060 })).toBe(true);
    expect(t.isTrusted({ source_address: '::ffff:192.0.2.10', source_port: 5060 })).toBe(true);
    expect(t.isTrusted({ source_address: '192.0.2.10', source_port: 5070 })).toBe(false);
    expect(t.isTrusted({ source_address: '192.0.2.11', source_port: 5060 })).toBe(false);
    expect(t.isTrusted({})).toBe(false);
    // over TCP the peer's source port is ephemeral: the address is what counts
    const tcp = new IdentityTrust({ trunk: { ...trunk, transport: 'tcp' } });
    expect(tcp.isTrusted({ source_address: '192.0.2.10', source_port: 40123 })).toBe(true);
  });

  it('believes SIP_TRUSTED_PEERS addresses and CIDRs, IPv4 and IPv6', () => {
    const t = new IdentityTrust({ trustedPeers: ['10.0.0.0/8', '198.51.100.7', '2001:db8::/32'] });
    expect(t.isTrusted({ source_address: '10.20.30.40', source_port: 1 })).toBe(true);
    expect(t.isTrusted({ source_address: '198.51.100.7', source_port: 1 })).toBe(true);
    expect(t.isTrusted({ source_address: '198.51.100.8', source_port: 1 })).toBe(false);
    expect(t.isTrusted({ source_address: '2001:db8:1::5', source_port: 1 })).toBe(true);
    expect(t.isTrusted({ source_address: '2001:db9::5', source_port: 1 })).toBe(false);
    expect(t.isTrusted({ source_address: 'not-an-address', source_port: 1 })).toBe(false);
  });

  it('resolves a trunk host name', async () => {
    const t = new IdentityTrust({ trunk: { host: 'localhost', port: 5090, transport: 'udp' } });
    await t.ready;
    expect(t.isTrusted({ source_address: '127.0.0.1', source_port: 5090 })).toBe(true);
    t.close();
  });

  it('the caller number: PAI when trusted, From otherwise', () => {
    const req = {
      uri: 'sip:+33199000000@edge',
      get: (name: string) => ({ 'P-Asserted-Identity': '<sip:+33600000000@carrier>', From: '<sip:0612345678@peer>;tag=1' })[name],
    };
    expect(callerNumber(req, '33', false)).toBe('+33612345678');
    expect(callerNumber(req, '33', true)).toBe('+33600000000');
  });
});

describe('SIP_TRUSTED_PEERS', () => {
  it('is read as a list of addresses/CIDRs; a bad item is a ConfigError naming it', () => {
    expect(loadConfig({}).trustedPeers).toEqual([]);
    expect(loadConfig({ SIP_TRUSTED_PEERS: ' 10.0.0.0/8, 192.0.2.1 ,2001:db8::/32' }).trustedPeers).toEqual(['10.0.0.0/8', '192.0.2.1', '2001:db8::/32']);
    for (const bad of ['10.0.0.0/33', 'sbc.example.com', '10.0.0.1/8/2', '::1/129', '10.0.0.0/x']) {
      expect(() => loadConfig({ SIP_TRUSTED_PEERS: bad })).toThrow(ConfigError);
      expect(() => parseTrustedPeers(bad)).toThrow(bad);
    }
  });
});
