// Which address the admin treats as the client's: the socket peer unless it is a trusted proxy.
import { describe, expect, it } from 'vitest';
import { addressBucket, parseTrustedProxies, resolveClientAddress } from '@/app/lib/auth/client-address';

describe('resolveClientAddress', () => {
  it('ignores X-Forwarded-For when no proxy is trusted', () => {
    expect(resolveClientAddress('127.0.0.5', '203.0.113.9', null)).toBe('127.0.0.5');
  });

  it('ignores X-Forwarded-For when the peer is not a trusted proxy', () => {
    expect(resolveClientAddress('127.0.0.5', '203.0.113.9', parseTrustedProxies('10.0.0.0/8'))).toBe('127.0.0.5');
  });

  it('reads the chain right to left, skipping trusted hops, when the peer is trusted', () => {
    const trusted = parseTrustedProxies('10.0.0.0/8, 127.0.0.2');
    // The client may prepend anything: the first untrusted hop from the right wins.
    expect(resolveClientAddress('127.0.0.2', 'spoofed, 198.51.100.7, 10.1.2.3', trusted)).toBe('198.51.100.7');
    expect(resolveClientAddress('::ffff:127.0.0.2', '198.51.100.7', trusted)).toBe('198.51.100.7');
  });

  it('stops at the last trusted hop on a malformed value, never using what the client chose', () => {
    const trusted = parseTrustedProxies('10.0.0.0/8');
    expect(resolveClientAddress('10.0.0.1', 'not-an-ip', trusted)).toBe('10.0.0.1');
    expect(resolveClientAddress('10.0.0.1', '198.51.100.7, garbage, 10.0.0.9', trusted)).toBe('10.0.0.9');
    expect(resolveClientAddress('10.0.0.1', 'x'.repeat(5000), trusted)).toBe('10.0.0.1');
  });

  it('refuses a malformed TRUSTED_PROXIES entry with a clear error', () => {
    expect(() => parseTrustedProxies('10.0.0.0/33')).toThrow(/prefix length/);
    expect(() => parseTrustedProxies('proxy.local')).toThrow(/not an IP address/);
    expect(parseTrustedProxies('')).toBeNull();
  });

  it('groups IPv6 clients by /64', () => {
    expect(addressBucket('2001:db8:1:2::5')).toBe(addressBucket('2001:db8:1:2:ffff::9'));
    expect(addressBucket('2001:db8:1:3::5')).not.toBe(addressBucket('2001:db8:1:2::5'));
    expect(addressBucket('192.0.2.1')).toBe('192.0.2.1');
  });
});
