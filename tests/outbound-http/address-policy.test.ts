// Address classification of the outbound HTTP policy, with many spellings of internal
// addresses: what WHATWG URL parsing turns them into is what gets checked.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { allowList, checkUrl, encodeUrlValue, formatAllowEntry, OutboundHttpError, parseAllowEntry, refusedAddressReason } from '@/flow-runtime/outbound-http';

function refusal(url: string, allow = allowList([])): string | null {
  try {
    checkUrl(url, allow);
    return null;
  } catch (err) {
    expect(err).toBeInstanceOf(OutboundHttpError);
    return (err as Error).message;
  }
}

describe('refusedAddressReason', () => {
  it.each([
    ['127.0.0.1', 'loopback'], ['127.255.1.2', 'loopback'], ['::1', 'loopback'], ['::ffff:127.0.0.1', 'loopback'], ['::ffff:7f00:1', 'loopback'],
    ['0.0.0.0', 'unspecified'], ['::', 'unspecified'],
    ['10.1.2.3', 'private'], ['172.16.0.1', 'private'], ['172.31.255.255', 'private'], ['192.168.1.1', 'private'], ['fd00::1', 'private'], ['fc00::1', 'private'], ['::ffff:10.0.0.1', 'private'],
    ['169.254.169.254', 'link-local (cloud metadata)'], ['fe80::1', 'link-local (cloud metadata)'], ['fe80::1%eth0', 'link-local (cloud metadata)'], ['::ffff:a9fe:a9fe', 'link-local (cloud metadata)'],
    ['100.64.0.1', 'shared address space (CGNAT)'], ['100.127.255.255', 'shared address space (CGNAT)'],
    ['224.0.0.1', 'multicast'], ['239.255.255.250', 'multicast'], ['ff02::1', 'multicast'],
    ['255.255.255.255', 'reserved or broadcast'], ['64:ff9b::7f00:1', 'reserved or broadcast'], ['::7f00:1', 'reserved or broadcast'],
  ])('%s is refused (%s)', (address, reason) => {
    expect(refusedAddressReason(address)).toBe(reason);
  });

  it.each(['8.8.8.8', '1.1.1.1', '172.32.0.1', '100.128.0.1', '169.255.0.1', '2606:4700:4700::1111', '::ffff:8.8.8.8'])('%s is public', (address) => {
    expect(refusedAddressReason(address)).toBeNull();
  });

  it('every address of 127/8, 10/8, 169.254/16 is refused in any IPv4 or mapped spelling', () => {
    const inRange = fc.oneof(
      fc.tuple(fc.constant(127), fc.nat(255), fc.nat(255), fc.nat(255)),
      fc.tuple(fc.constant(10), fc.nat(255), fc.nat(255), fc.nat(255)),
      fc.tuple(fc.constant(169), fc.constant(254), fc.nat(255), fc.nat(255)),
      fc.tuple(fc.constant(192), fc.constant(168), fc.nat(255), fc.nat(255)),
    );
    fc.assert(
      fc.property(inRange, fc.integer({ min: 0, max: 5 }), (octets, style) => {
        const n = ((octets[0] << 24) >>> 0) + (octets[1] << 16) + (octets[2] << 8) + octets[3];
        const spellings = [
          octets.join('.'),
          `0x${n.toString(16)}`,
          String(n),
          octets.map((o) => `0${o.toString(8)}`).join('.'),
          `${octets[0]}.${(octets[1] << 16) + (octets[2] << 8) + octets[3]}`,
          `[::ffff:${octets.join('.')}]`,
        ];
        const message = refusal(`http://${spellings[style]}:8080/x`);
        expect(message).toMatch(/refused: (loopback|private|link-local)/);
      }),
      { numRuns: 300 },
    );
  });
});

describe('checkUrl', () => {
  it.each([
    'http://0x7f000001/', 'http://2130706433/', 'http://0177.0.0.1/', 'http://127.1/', 'http://0/', 'http://[::1]/', 'http://[::ffff:127.0.0.1]/',
    'http://%31%32%37.0.0.1/', 'http://127.0.0.1./', 'http://①②⑦.0.0.1/', 'http://169.254.169.254/latest/meta-data/', 'http://[fd12::1]:8443/',
    'http://localhost:3000/', 'http://LOCALHOST./', 'http://admin.localhost/', 'http://metadata.google.internal/computeMetadata/v1/',
  ])('refuses %s before any connection', (url) => {
    expect(refusal(url)).toMatch(/refused/);
  });

  it.each(['file:///etc/passwd', 'gopher://127.0.0.1:5432/', 'ftp://example.com/', 'javascript:alert(1)', 'data:text/plain,x', 'not a url', '//127.0.0.1/'])('refuses %s', (url) => {
    expect(refusal(url)).toMatch(/only http and https|invalid URL/);
  });

  it('accepts a public name; an allow-list entry opens one internal host and port only', () => {
    expect(refusal('https://crm.example.com/customers?phone=%2B33')).toBeNull();
    const allow = allowList(['127.0.0.1:8080', 'crm.internal', '10.0.0.0/8']);
    expect(refusal('http://127.0.0.1:8080/', allow)).toBeNull();
    expect(refusal('http://0x7f000001:8080/', allow)).toBeNull();
    expect(refusal('http://127.0.0.1:8081/', allow)).toMatch(/loopback/);
    expect(refusal('http://10.9.8.7/', allow)).toBeNull();
    expect(refusal('http://192.168.0.1/', allow)).toMatch(/private/);
  });
});

describe('allow-list entries', () => {
  it.each([
    ['crm.internal:8080', 'crm.internal:8080'], ['CRM.Internal.', 'crm.internal'], ['10.0.0.0/8', '10.0.0.0/8'], ['10.1.2.3', '10.1.2.3'],
    ['10.1.2.3:443', '10.1.2.3:443'], ['[fd00::1]:8443', '[fd00::1]:8443'], ['fd00::/8', 'fd00::/8'], ['fd00::1', 'fd00::1'],
  ])('%s is read as %s', (raw, canonical) => {
    expect(formatAllowEntry(parseAllowEntry(raw))).toBe(canonical);
  });

  it.each(['', 'http://crm.internal', 'crm internal', 'crm.internal:99999', '10.0.0.0/33', 'a/b', 'x'.repeat(300), '10.0.0.1:0'])('%j is invalid', (raw) => {
    expect(() => parseAllowEntry(raw)).toThrow();
  });
});

describe('URL template values', () => {
  it('are encoded for where they land; a leading base URL is kept but checked later', () => {
    expect(encodeUrlValue('+33 6/../admin?x=1#f', 'https://crm.example.com/customers/')).toBe('%2B33%206%2F..%2Fadmin%3Fx%3D1%23f');
    expect(encodeUrlValue('1&token=abc', 'https://crm.example.com/c?phone=')).toBe('1%26token%3Dabc');
    expect(encodeUrlValue('evil.com/', 'https://')).toBe('evil.com%2F');
    expect(encodeUrlValue('http://127.0.0.1', '')).toBe('http://127.0.0.1');
    expect(encodeUrlValue('\uD800x', 'https://a.example/')).toBe('%EF%BF%BDx');
  });

  it('never add a path segment, a parameter or change the host (any string)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (value) => {
        const url = new URL(`https://crm.example.com/c/${encodeUrlValue(value, 'https://crm.example.com/c/')}?a=${encodeUrlValue(value, 'https://crm.example.com/c/x?a=')}`);
        expect(url.hostname).toBe('crm.example.com');
        expect(url.pathname.split('/').length).toBe(3);
        expect([...url.searchParams.keys()]).toEqual(['a']);
        expect(url.hash).toBe('');
      }),
      { numRuns: 500 },
    );
  });
});
