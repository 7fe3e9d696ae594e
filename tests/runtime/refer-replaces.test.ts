// The Replaces header inside a Refer-To (attended transfer, RFC 3891 + RFC 3515): read linearly,
// size-capped; dialogs matched in both tag orders (flow-runtime/calls/call-control/refer.ts).
import { describe, expect, it } from 'vitest';
import { referReplaces, referTarget, sameDialog } from '@/flow-runtime/calls/call-control/refer';

describe('referReplaces', () => {
  it('reads Call-ID and tags from the escaped header, among other URI headers', () => {
    const v = '<sip:202@pbx.example?Require=replaces&Replaces=abc%40host%3Bto-tag%3D12%3Bfrom-tag%3D34>';
    expect(referReplaces(v)).toEqual({ callId: 'abc@host', toTag: '12', fromTag: '34', earlyOnly: false });
    expect(referReplaces('<sip:202@h?replaces=x%3Bfrom-tag%3Da%3Bto-tag%3Db%3Bearly-only>')).toEqual({ callId: 'x', toTag: 'b', fromTag: 'a', earlyOnly: true });
  });

  it('null without Replaces, without both tags, over-long or badly escaped', () => {
    expect(referReplaces('<sip:202@h>')).toBeNull();
    expect(referReplaces('<sip:202@h?Replaces=x%3Bto-tag%3Db>')).toBeNull();
    expect(referReplaces(`<sip:202@h?Replaces=${'a'.repeat(600)}%3Bto-tag%3Db%3Bfrom-tag%3Dc>`)).toBeNull();
    expect(referReplaces('<sip:202@h?Replaces=%E0%A4%A%3Bto-tag%3Db%3Bfrom-tag%3Dc>')).toBeNull();
    expect(referReplaces(`<sip:202@h?Replaces=${'%3B'.repeat(2000)}>`)).toBeNull();
  });

  it('a hostile 1 KB value is read at once (no backtracking)', () => {
    const start = performance.now();
    for (let i = 0; i < 1000; i++) referReplaces(`<sip:1@h?${'Replaces=&'.repeat(100)}>`);
    expect(performance.now() - start).toBeLessThan(500);
  });

  it('the blind path is unchanged: a Refer-To with Replaces is no blind target', () => {
    expect(referTarget('<sip:202@h?Replaces=x%3Bto-tag%3Db%3Bfrom-tag%3Dc>')).toBeNull();
    expect(referTarget('<sip:202@h>')).toEqual({ kind: 'extension', extension: '202' });
  });
});

describe('sameDialog', () => {
  const sip = { callId: 'c1', localTag: 'ours', remoteTag: 'theirs' };
  it('matches either tag order, never another Call-ID or tag', () => {
    expect(sameDialog(sip, { callId: 'c1', toTag: 'ours', fromTag: 'theirs', earlyOnly: false })).toBe(true);
    expect(sameDialog(sip, { callId: 'c1', toTag: 'theirs', fromTag: 'ours', earlyOnly: false })).toBe(true);
    expect(sameDialog(sip, { callId: 'c2', toTag: 'ours', fromTag: 'theirs', earlyOnly: false })).toBe(false);
    expect(sameDialog(sip, { callId: 'c1', toTag: 'ours', fromTag: 'other', earlyOnly: false })).toBe(false);
    expect(sameDialog(undefined, { callId: 'c1', toTag: 'ours', fromTag: 'theirs', earlyOnly: false })).toBe(false);
  });
});
