// call-control building blocks without SIP: the Refer-To reading (extension, number, what is
// refused, bounded on hostile values) and the per-call mailbox (one command at a time, in order,
// a failure does not block the next).
import { describe, expect, it } from 'vitest';
import { referTarget } from '@/flow-runtime/calls/call-control/refer';
import { Mailbox } from '@/flow-runtime/calls/call-control/mailbox';

describe('referTarget', () => {
  it('reads extensions and numbers from sip and tel URIs', () => {
    expect(referTarget('<sip:202@pbx.example>')).toEqual({ kind: 'extension', extension: '202' });
    expect(referTarget('"Ines" <sip:202@127.0.0.1;transport=udp>')).toEqual({ kind: 'extension', extension: '202' });
    expect(referTarget('sip:+33612345678@trunk')).toEqual({ kind: 'number', number: '+33612345678' });
    expect(referTarget('<sip:0899123456@127.0.0.1>')).toEqual({ kind: 'number', number: '0899123456' });
    expect(referTarget('<tel:+33-1-23-45-67-89>')).toEqual({ kind: 'number', number: '+33123456789' });
  });

  it('refuses what it cannot dial: names, Replaces (attended transfer), missing or hostile values', () => {
    expect(referTarget(undefined)).toBeNull();
    expect(referTarget('<sip:carol@127.0.0.1>')).toBeNull();
    expect(referTarget('<sip:202@127.0.0.1?Replaces=abc%3Bto-tag%3D1%3Bfrom-tag%3D2>')).toBeNull();
    expect(referTarget('<http://example.com/>')).toBeNull();
    expect(referTarget('<sip:202@127.0.0.1')).toBeNull();
    const hostile = `<sip:${'1'.repeat(60_000)}@x>`;
    const t0 = performance.now();
    expect(referTarget(hostile)).toBeNull();
    expect(referTarget('<'.repeat(60_000))).toBeNull();
    expect(performance.now() - t0).toBeLessThan(50);
  });
});

describe('Mailbox', () => {
  it('runs tasks one at a time in arrival order; a failure does not block the next', async () => {
    const box = new Mailbox();
    const log: string[] = [];
    let release!: () => void;
    const first = box.run(async () => {
      log.push('a start');
      await new Promise<void>((r) => (release = r));
      log.push('a end');
    });
    const second = box.run(async () => {
      log.push('b');
      throw new Error('b failed');
    });
    const third = box.run(async () => (log.push('c'), 'c done'));
    await new Promise((r) => setImmediate(r));
    expect(log).toEqual(['a start']);
    expect(box.size).toBe(3);
    release();
    await first;
    await expect(second).rejects.toThrow('b failed');
    await expect(third).resolves.toBe('c done');
    expect(log).toEqual(['a start', 'a end', 'b', 'c']);
  });
});
