// Signing of deliveries: the header a receiver checks (t=…,v1=HMAC-SHA256(secret, t.body)).
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { computeSignature, generateWebhookSecret, signatureHeader, verifySignature } from '@/flow-runtime/webhooks/webhook-signature';

const secret = 'whsec_test';
const body = '{"id":"evt_1","type":"call.started"}';
const at = new Date('2026-12-07T10:00:00Z');
const t = at.getTime() / 1000;

describe('webhook signature', () => {
  it('is the documented HMAC-SHA256 of "<t>.<body>" in hex', () => {
    const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
    expect(computeSignature(secret, t, body)).toBe(expected);
    expect(signatureHeader(secret, body, at)).toBe(`t=${t},v1=${expected}`);
  });

  it('verifies a header made with the same secret and body', () => {
    expect(verifySignature(secret, body, signatureHeader(secret, body, at), { now: at })).toEqual({ ok: true, timestamp: t });
    // several v1 values (a receiver during a secret rotation): one match is enough
    const header = `t=${t},v1=${'0'.repeat(64)},v1=${computeSignature(secret, t, body)}`;
    expect(verifySignature(secret, body, header, { now: at }).ok).toBe(true);
  });

  it('refuses another secret, a changed body, an old timestamp and malformed headers', () => {
    const header = signatureHeader(secret, body, at);
    expect(verifySignature('whsec_other', body, header, { now: at })).toEqual({ ok: false, reason: 'mismatch' });
    expect(verifySignature(secret, body.replace('started', 'ended'), header, { now: at })).toEqual({ ok: false, reason: 'mismatch' });
    expect(verifySignature(secret, body, header, { now: new Date(at.getTime() + 301_000) })).toEqual({ ok: false, reason: 'too-old' });
    expect(verifySignature(secret, body, header, { now: new Date(at.getTime() + 299_000) }).ok).toBe(true);
    for (const bad of [null, '', 'v1=abc', `t=${t}`, `t=x,v1=${computeSignature(secret, t, body)}`]) {
      expect(verifySignature(secret, body, bad, { now: at })).toEqual({ ok: false, reason: 'malformed' });
    }
  });

  it('generates distinct secrets with the whsec_ prefix', () => {
    const a = generateWebhookSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9_-]{32}$/);
    expect(generateWebhookSecret()).not.toBe(a);
  });
});
