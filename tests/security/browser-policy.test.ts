// The pure parts of the browser protections: the pages' CSP and the Origin rule for
// cookie writes (the HTTP behaviour is in tests/api/browser-protections.test.ts).
import { afterEach, describe, expect, it } from 'vitest';
import { contentSecurityPolicy, newNonce } from '@/app/lib/security/content-security-policy';
import { writeOriginProblem } from '@/app/lib/security/write-origin';

describe('contentSecurityPolicy', () => {
  it('allows scripts by nonce only, media from blob:, and no framing', () => {
    const policy = contentSecurityPolicy({ nonce: 'abc', host: '127.0.0.1:3000' });
    expect(policy).toContain("script-src 'self' 'nonce-abc' 'strict-dynamic'");
    expect(policy).not.toContain('unsafe-eval');
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toContain("media-src 'self' blob:");
    expect(policy).toContain("connect-src 'self' ws://127.0.0.1:3000 wss://127.0.0.1:3000");
  });

  it('adds eval for next dev only', () => {
    expect(contentSecurityPolicy({ nonce: 'n', dev: true })).toContain("'unsafe-eval'");
  });

  it('never copies a crafted Host into the policy', () => {
    for (const host of ["evil.example; script-src *", 'a b', "x'", 'a'.repeat(300), '[::1]:3000;']) {
      const policy = contentSecurityPolicy({ nonce: 'n', host });
      expect(policy).toContain("connect-src 'self';");
      expect(policy.match(/script-src/g)).toHaveLength(1);
    }
    expect(contentSecurityPolicy({ nonce: 'n', host: '[::1]:3000' })).toContain('ws://[::1]:3000');
  });

  it('makes 128-bit nonces that differ', () => {
    const a = newNonce();
    expect(Buffer.from(a, 'base64')).toHaveLength(16);
    expect(newNonce()).not.toBe(a);
  });
});

describe('writeOriginProblem', () => {
  const saved = process.env.BETTER_AUTH_URL;
  afterEach(() => {
    if (saved === undefined) delete process.env.BETTER_AUTH_URL;
    else process.env.BETTER_AUTH_URL = saved;
  });
  const headers = (h: Record<string, string>) => new Headers(h);

  it('lets reads through whatever their Origin', () => {
    expect(writeOriginProblem('GET', headers({ host: 'a:1' }))).toBeNull();
    expect(writeOriginProblem('HEAD', headers({ host: 'a:1', origin: 'https://evil.example' }))).toBeNull();
  });

  it('wants an Origin of this host on writes', () => {
    delete process.env.BETTER_AUTH_URL;
    expect(writeOriginProblem('POST', headers({ host: '127.0.0.1:3000' }))).toBe('missing');
    expect(writeOriginProblem('delete', headers({ host: '127.0.0.1:3000', origin: 'null' }))).toBe('missing');
    expect(writeOriginProblem('PUT', headers({ host: '127.0.0.1:3000', origin: 'http://127.0.0.1:3000' }))).toBeNull();
    expect(writeOriginProblem('PATCH', headers({ host: '127.0.0.1:3000', origin: 'http://127.0.0.1:3001' }))).toBe('foreign');
    expect(writeOriginProblem('POST', headers({ host: '127.0.0.1:3000', origin: 'http://evil.example' }))).toBe('foreign');
    expect(writeOriginProblem('POST', headers({ host: '127.0.0.1:3000', origin: 'not a url' }))).toBe('foreign');
    expect(writeOriginProblem('POST', headers({ host: '127.0.0.1:3000', origin: 'ftp://127.0.0.1:3000' }))).toBe('foreign');
    // X-Forwarded-Host is anybody's to send: it does not make a foreign Origin ours.
    expect(writeOriginProblem('POST', headers({ host: '127.0.0.1:3000', 'x-forwarded-host': 'evil.example', origin: 'http://evil.example' }))).toBe('foreign');
  });

  it('accepts the public URL’s origin behind a proxy that rewrites Host', () => {
    process.env.BETTER_AUTH_URL = 'https://ivr.example.com';
    expect(writeOriginProblem('POST', headers({ host: '127.0.0.1:3000', origin: 'https://ivr.example.com' }))).toBeNull();
    expect(writeOriginProblem('POST', headers({ host: '127.0.0.1:3000', origin: 'https://IVR.example.com' }))).toBeNull();
    expect(writeOriginProblem('POST', headers({ host: '127.0.0.1:3000', origin: 'https://other.example.com' }))).toBe('foreign');
  });
});
