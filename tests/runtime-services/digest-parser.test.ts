// The Digest credentials scanner (flow-runtime/registrar/auth-params.ts) and the SIP URI helpers
// of the registrar: correctness on what phones send, and linear time on what attackers send.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_AUTHORIZATION_BYTES, MAX_AUTH_PARAMS, parseAuthParams } from '@/flow-runtime/registrar/auth-params';
import { parseDigestAuthorization } from '@/flow-runtime/registrar/digest';
import { parseContacts, uriUser, MAX_CONTACTS } from '@/flow-runtime/registrar/contacts';
import { parseSipUri, sameSipTarget } from '@/flow-runtime/registrar/sip-uri';
import { createNonceCounts } from '@/flow-runtime/registrar/nonce-counts';
import { addressKey, createAuthLimiter, networkMatcher } from '@/flow-runtime/registrar/auth-limiter';
import { sipUser } from '@/flow-runtime/calls/called-number';
import { parseSipInfoDtmf } from '@/flow-runtime/media/sip-info-dtmf';

/** Milliseconds `fn` takes (best of 3, so one GC pause on a shared machine does not count). */
function timeMs(fn: () => unknown): number {
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    fn();
    best = Math.min(best, performance.now() - t);
  }
  return best;
}

const TOKEN = fc.stringMatching(/^[a-zA-Z0-9!#$%&'*+.^_`|~-]{1,12}$/);
const QUOTED_CONTENT = fc.string({ maxLength: 40 }).map((s) => s.replace(/[\r\n]/g, ''));
const quote = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

describe('parseAuthParams', () => {
  it('reads what real phones send', () => {
    const h = 'Digest username="alice", realm="relais.test",nonce="1.a.b" ,uri=sip:relais.test;transport=udp,  response="0123abcd", algorithm=MD5, qop=auth, nc=00000001, cnonce="x,y\\"z"';
    const r = parseAuthParams(h);
    expect(r).toMatchObject({ ok: true, scheme: 'Digest' });
    if (!r.ok) return;
    expect(Object.fromEntries(r.params)).toEqual({
      username: 'alice', realm: 'relais.test', nonce: '1.a.b', uri: 'sip:relais.test;transport=udp', response: '0123abcd',
      algorithm: 'MD5', qop: 'auth', nc: '00000001', cnonce: 'x,y"z',
    });
  });

  it('round-trips any list of parameters, quoted or not, with any spacing', () => {
    fc.assert(fc.property(
      fc.uniqueArray(fc.tuple(TOKEN, fc.oneof(TOKEN.map((v) => ({ v, q: false })), QUOTED_CONTENT.map((v) => ({ v, q: true })))), { maxLength: MAX_AUTH_PARAMS, selector: ([k]) => k.toLowerCase() }),
      fc.constantFrom(',', ', ', ' ,', ' , ', ',\t', ',,'),
      fc.constantFrom('=', ' = ', '= '),
      (params, sep, eq) => {
        const header = `Digest ${params.map(([k, { v, q }]) => `${k}${eq}${q ? quote(v) : v}`).join(sep)}`;
        const r = parseAuthParams(header);
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        expect(r.params).toEqual(new Map(params.map(([k, { v }]) => [k.toLowerCase(), v])));
      },
    ));
  });

  it('never throws on arbitrary input', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300, unit: 'binary' }), (s) => {
      const r = parseAuthParams(s);
      expect(typeof r.ok).toBe('boolean');
    }), { numRuns: 2000 });
  });

  it('refuses unreadable headers with a reason', () => {
    for (const bad of ['', 'Digest', 'Digest =x', 'Digest a', 'Digest a=', 'Digest a="open', 'Digest a=1 b=2', 'Digest a=1, a=2', 'Digest a="x"y', 'Digest\u0000a=1']) {
      const r = parseAuthParams(bad);
      if (bad === 'Digest') {
        expect(r).toMatchObject({ ok: true, params: new Map() });
        continue;
      }
      expect(r.ok, bad).toBe(false);
    }
    const many = `Digest ${Array.from({ length: MAX_AUTH_PARAMS + 1 }, (_, i) => `p${i}=1`).join(',')}`;
    expect(parseAuthParams(many)).toMatchObject({ ok: false, reason: expect.stringMatching(/more than/) });
  });

  it('refuses a header over the size limit before scanning it', () => {
    const big = `Digest username="${'a'.repeat(MAX_AUTHORIZATION_BYTES)}"`;
    expect(parseAuthParams(big)).toMatchObject({ ok: false, reason: expect.stringMatching(/longer than/) });
    expect(parseDigestAuthorization(big)).toBeNull();
  });

  // The inputs that made the old regular expression backtrack, at 60 KB and 1 MB with no size
  // cap: the time must grow linearly (1 MB in well under a second).
  const adversarial: Record<string, (n: number) => string> = {
    'one long token': (n) => `Digest ${'a'.repeat(n)}`,
    'unterminated quote': (n) => `Digest a="${'\\"'.repeat(n / 2)}`,
    'name=name=…': (n) => `Digest ${'a='.repeat(n / 2)}`,
    'blank runs': (n) => `Digest a${' '.repeat(n)}`,
    'commas only': (n) => `Digest ${','.repeat(n)}`,
    'many short params': (n) => `Digest ${'a=b,'.repeat(n / 4)}`,
  };
  for (const [name, make] of Object.entries(adversarial)) {
    it(`stays linear on ${name}`, () => {
      const small = make(60_000);
      const large = make(1_000_000);
      const tSmall = timeMs(() => parseAuthParams(small, Infinity));
      const tLarge = timeMs(() => parseAuthParams(large, Infinity));
      console.log(`auth-params ${name}: 60 KB ${tSmall.toFixed(2)} ms, 1 MB ${tLarge.toFixed(2)} ms`);
      expect(tLarge).toBeLessThan(500);
    });
  }
});

describe('parseDigestAuthorization', () => {
  it('needs the Digest scheme and the mandatory parameters', () => {
    expect(parseDigestAuthorization('Basic dXNlcjpwYXNz')).toBeNull();
    expect(parseDigestAuthorization('Digest username="a", realm="r", nonce="n", uri="sip:x"')).toBeNull();
    expect(parseDigestAuthorization('digest username="a", realm="r", nonce="n", uri="sip:x", response="abc"')).toMatchObject({ username: 'a', algorithm: 'MD5', qop: null });
  });
});

describe('SIP URIs in the registrar', () => {
  it('compares the digest uri and the Request-URI by target, not byte for byte', () => {
    expect(sameSipTarget('sip:relais.test', 'sip:relais.test')).toBe(true);
    expect(sameSipTarget('sip:RELAIS.test;transport=UDP', 'sip:relais.test')).toBe(true);
    expect(sameSipTarget('sip:relais.test:5060', 'sip:relais.test')).toBe(true);
    expect(sameSipTarget('sips:relais.test:5061', 'sips:relais.test')).toBe(true);
    expect(sameSipTarget('sip:relais.test:5070', 'sip:relais.test')).toBe(false);
    expect(sameSipTarget('sip:other.test', 'sip:relais.test')).toBe(false);
    expect(sameSipTarget('sips:relais.test', 'sip:relais.test')).toBe(false);
    expect(sameSipTarget('sip:bob@relais.test', 'sip:relais.test')).toBe(false);
    expect(sameSipTarget('sip:[::1]:5060', 'sip:[::1]')).toBe(true);
    expect(sameSipTarget('not a uri', 'sip:relais.test')).toBe(false);
  });

  it('reads the user of To values, linear on hostile ones', () => {
    expect(uriUser('"Alice" <sip:alice@relais.test>;tag=1')).toBe('alice');
    expect(uriUser('sip:al%69ce@relais.test;tag=1')).toBe('alice');
    expect(uriUser('<sip:relais.test>')).toBeNull();
    expect(uriUser('<sip:50%@relais.test>')).toBe('50%'); // malformed escape kept, not a 500
    expect(parseSipUri('sip:+331;phone-context=x@h')?.user).toBe('+331');
    for (const hostile of ['sip:'.repeat(15_000), `<${' '.repeat(60_000)}`, `<sip:${'a'.repeat(60_000)}`]) {
      expect(timeMs(() => uriUser(hostile))).toBeLessThan(50);
    }
  });

  it('caps Contact lists', () => {
    const many = Array.from({ length: MAX_CONTACTS + 1 }, (_, i) => `<sip:a@127.0.0.1:${6000 + i}>`).join(', ');
    expect(parseContacts([many])).toMatchObject({ kind: 'invalid' });
    expect(parseContacts([`<sip:a@h>;x=${'a'.repeat(10_000)}`])).toMatchObject({ kind: 'invalid' });
    expect(parseContacts(['<sip:a@127.0.0.1:6000>;expires=60'])).toEqual({ kind: 'list', contacts: [{ uri: 'sip:a@127.0.0.1:6000', expires: 60 }] });
  });
});

describe('other header values read by the runtime', () => {
  it('sipUser (called/caller numbers) stays linear on hostile To/From values', () => {
    expect(sipUser('"Bob" <sip:+33123456789@host>;tag=x')).toBe('+33123456789');
    expect(sipUser('sip:0612345678@host')).toBe('0612345678');
    for (const hostile of ['sip:'.repeat(15_000), `<${' '.repeat(60_000)}`]) {
      expect(timeMs(() => sipUser(hostile))).toBeLessThan(50);
    }
  });

  it('SIP INFO dtmf-relay bodies stay linear', () => {
    expect(parseSipInfoDtmf('application/dtmf-relay', 'Signal=5\r\nDuration=160')).toEqual({ digit: '5', durationMs: 160 });
    expect(parseSipInfoDtmf('application/dtmf-relay', 'Signal= #\r\nDuration= 250\r\n')).toEqual({ digit: '#', durationMs: 250 });
    expect(timeMs(() => parseSipInfoDtmf('application/dtmf-relay', '\n'.repeat(200_000)))).toBeLessThan(50);
  });
});

describe('nonce counts', () => {
  it('accepts strictly increasing nc only, and never re-opens a dropped nonce', () => {
    let t = 1_000;
    const counts = createNonceCounts({ maxEntries: 2, now: () => t });
    expect(counts.use('n1', 10_000, 1)).toBe('ok');
    expect(counts.use('n1', 10_000, 1)).toBe('replay');
    expect(counts.use('n1', 10_000, 2)).toBe('ok');
    expect(counts.use('n2', 11_000, 1)).toBe('ok');
    expect(counts.use('n3', 12_000, 1)).toBe('ok'); // n1 dropped: the table holds 2
    expect(counts.size).toBe(2);
    expect(counts.use('n1', 10_000, 3)).toBe('forgotten');
    t = 20_000;
    counts.sweep();
    expect(counts.size).toBe(0);
  });
});

describe('auth limiter', () => {
  it('keys IPv6 by /64 and unwraps IPv4-mapped addresses', () => {
    expect(addressKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8:1:2:bbbb:1:2:3')).toBe('2001:db8:1:2::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
    expect(addressKey('::ffff:127.0.0.1')).toBe('127.0.0.1');
  });

  it('delays, bans the address, locks the user only against addresses with failures, stays bounded', () => {
    let t = 0;
    const l = createAuthLimiter({ delayAfter: 2, baseDelayMs: 100, maxDelayMs: 400, addressBanAfter: 5, banSeconds: 60, userLockAfter: 8, windowSeconds: 300, maxEntries: 100, now: () => t });
    const delays = [1, 2, 3, 4, 5].map(() => l.fail('127.0.0.1', 'u', { organizationId: 'o' }).delayMs);
    expect(delays).toEqual([0, 100, 200, 400, 400]);
    expect(l.check('127.0.0.1', 'u')).toMatchObject({ refuse: true, reason: 'address-banned', retryAfterS: 60 });
    for (let i = 0; i < 3; i++) l.fail(`127.0.1.${i}`, 'u', { organizationId: 'o' });
    expect(l.check('127.0.1.0', 'u')).toMatchObject({ refuse: true, reason: 'user-locked' });
    expect(l.check('127.0.2.1', 'u')).toEqual({ refuse: false }); // clean address: may try
    t += 61_000;
    expect(l.check('127.0.0.1', null)).toEqual({ refuse: false }); // ban over
    for (let i = 0; i < 1000; i++) l.fail(`10.0.${i >> 8}.${i & 255}`, `nobody${i}`, null);
    expect(l.sizes.addresses).toBeLessThanOrEqual(100);
    t += 400_000;
    l.sweep();
    expect(l.sizes).toEqual({ addresses: 0, users: 0 });
  });

  it('never bans an exempt network as an address, and refuses unreadable CIDR blocks', () => {
    const l = createAuthLimiter({ addressBanAfter: 2, exemptNetworks: ['127.0.3.0/24', '::1'] });
    for (let i = 0; i < 5; i++) l.fail('127.0.3.9', 'u', null);
    expect(l.check('127.0.3.9', 'u')).toEqual({ refuse: false });
    for (let i = 0; i < 2; i++) l.fail('127.0.4.9', 'u', null);
    expect(l.check('127.0.4.9', 'u')).toMatchObject({ refuse: true });
    expect(networkMatcher(['::1'])('::1')).toBe(true);
    expect(networkMatcher(['10.0.0.0/8'])('::ffff:10.1.2.3')).toBe(true);
    expect(() => networkMatcher(['10.0.0.0/33'])).toThrow(/prefix/);
    expect(() => networkMatcher(['office'])).toThrow(/not an IP/);
  });
});
