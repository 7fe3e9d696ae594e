// LiveCall's early media against a recording fake of srf and the INVITE's response: one 183 with
// our SDP, the 200 OK (createUAS) still possible after it, the guard answering a call left too
// long in early media, and no 183 once the caller is gone or answered.
import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EARLY_MEDIA_MAX_MS, LiveCall } from '@/flow-runtime/calls/live-call';
import type { DialogLike, SipMessageLike, SipResponseLike, SrfLike } from '@/flow-runtime/calls/sip-types';
import { silentLogger } from '@/flow-runtime/calls/sip-types';
import type { MediaEndpoint } from '@/flow-runtime/media';

const SDP = 'v=0\r\nm=audio 40000 RTP/AVP 0\r\n';

function harness(guardMs?: number) {
  const sent: Array<{ status: number; opts: unknown }> = [];
  const uas: Array<Record<string, unknown>> = [];
  const res: SipResponseLike = { send: (status, opts) => void sent.push({ status, opts }) };
  const srf = {
    createUAS: (_req: unknown, r: SipResponseLike, opts: Record<string, unknown>, cb: (err: null, d: DialogLike) => void) => {
      uas.push(opts);
      r.send(200, { body: opts.localSdp });
      const dialog = Object.assign(new EventEmitter(), { remote: { sdp: '' }, destroy: async () => undefined }) as unknown as DialogLike;
      cb(null, dialog);
    },
  } as unknown as SrfLike;
  const endpoint = Object.assign(new EventEmitter(), { localSdp: SDP, close: async () => undefined }) as unknown as MediaEndpoint & EventEmitter;
  const req = { uri: 'sip:+33199000040@127.0.0.1', body: '', get: () => undefined, on: () => undefined } as unknown as SipMessageLike;
  const call = new LiveCall('call-1', srf, req, res, endpoint, silentLogger, guardMs);
  return { call, sent, uas, endpoint };
}

describe('LiveCall early media', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('sends one 183 with our SDP (application/sdp), then the 200 OK when answered', async () => {
    const { call, sent, uas } = harness();
    call.earlyMedia();
    call.earlyMedia();
    expect(sent).toEqual([{ status: 183, opts: { body: SDP, headers: expect.objectContaining({ 'Content-Type': 'application/sdp' }) } }]);
    await call.answer();
    expect(sent.map((s) => s.status)).toEqual([183, 200]);
    expect(uas[0].localSdp).toBe(SDP);
    call.earlyMedia();
    expect(sent).toHaveLength(2);
  });

  it('answers by itself after the guard time in early media (150 s by default, under the 180 s Timer C)', async () => {
    expect(EARLY_MEDIA_MAX_MS).toBe(150_000);
    const { call, sent } = harness();
    call.earlyMedia();
    await vi.advanceTimersByTimeAsync(EARLY_MEDIA_MAX_MS - 1);
    expect(sent.map((s) => s.status)).toEqual([183]);
    await vi.advanceTimersByTimeAsync(1);
    expect(sent.map((s) => s.status)).toEqual([183, 200]);
    expect(call.dialog).not.toBeNull();
  });

  it('tells the call record once when the 200 OK went out, whether the flow or the guard answered', async () => {
    const byGuard = harness(1000);
    const answeredByGuard = vi.fn();
    byGuard.call.onAnswered = answeredByGuard;
    byGuard.call.earlyMedia();
    await vi.advanceTimersByTimeAsync(1000);
    await byGuard.call.answer();
    expect(answeredByGuard).toHaveBeenCalledTimes(1);

    const byFlow = harness(1000);
    const answeredByFlow = vi.fn();
    byFlow.call.onAnswered = answeredByFlow;
    byFlow.call.earlyMedia();
    await byFlow.call.answer();
    await vi.advanceTimersByTimeAsync(5000);
    expect(answeredByFlow).toHaveBeenCalledTimes(1);
  });

  it('no guard answer once the caller hung up (CANCEL) or the flow hung up; a hangup in early media is a final error', async () => {
    const gone = harness(1000);
    gone.call.earlyMedia();
    gone.call.callerHungUp();
    await vi.advanceTimersByTimeAsync(5000);
    expect(gone.sent.map((s) => s.status)).toEqual([183]);
    gone.call.earlyMedia();
    expect(gone.sent).toHaveLength(1);

    const rejected = harness(1000);
    rejected.call.earlyMedia();
    rejected.call.hangup('busy');
    await vi.advanceTimersByTimeAsync(5000);
    expect(rejected.sent.map((s) => s.status)).toEqual([183, 486]);
  });
});

describe('LiveCall when its media endpoint closes under it', () => {
  it('answered: hangs up (BYE) and ends the session instead of leaving the caller in silence', async () => {
    const { call, endpoint } = harness();
    await call.answer();
    const bye = vi.spyOn(call.dialog!, 'destroy');
    const events: unknown[] = [];
    call.attach({ send: (e: unknown) => void events.push(e) } as never);
    endpoint.emit('closed');
    expect(bye).toHaveBeenCalledTimes(1);
    expect(events).toEqual([{ type: 'callerHangup' }]);
  });

  it('not answered yet: a final error response; after the call finished: nothing', async () => {
    const early = harness();
    early.call.earlyMedia();
    early.endpoint.emit('closed');
    expect(early.sent.map((s) => s.status)).toEqual([183, 480]);

    const done = harness();
    await done.call.answer();
    await done.call.finish();
    const sentBefore = done.sent.length;
    done.endpoint.emit('closed');
    expect(done.sent).toHaveLength(sentBefore);
  });
});
