// The stream never stops: an answered endpoint with nothing to play sends G.711 silence every
// 20 ms (carriers and SBCs hang up calls whose RTP stops), with sequence numbers and timestamps
// that run on across silence → prompt → silence, the marker bit only where the stream was not
// contiguous (RFC 3551 §4.1), and nothing at all while the far end's SDP says not to send
// (sendonly / inactive / c=0.0.0.0, RFC 3264). Comfort noise (PT 13) is not negotiated.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createMediaServer, type MediaEndpoint, type ProcessMediaServer } from '@/flow-runtime/media';
import { RtpPeer, sleep, streamBreaks, waitFor, type ReceivedPacket } from './support/rtp-peer';
import { startTestServer, type TestServer } from './support/server';

let t: TestServer;
let worker: ProcessMediaServer;
let workerDir: string;
let caller: RtpPeer;
let agent: RtpPeer;
beforeAll(async () => {
  t = startTestServer();
  workerDir = mkdtempSync(path.join(os.tmpdir(), 'relais-media-silence-'));
  worker = createMediaServer({ thread: 'worker', host: '127.0.0.1', portMin: 52000, portMax: 52998, cacheDir: path.join(workerDir, 'cache'), recordingsDir: path.join(workerDir, 'rec') });
  caller = await RtpPeer.create();
  agent = await RtpPeer.create();
});
// An endpoint left open by a failed test would keep sending silence to the shared peers.
const opened: MediaEndpoint[] = [];
async function track(ep: Promise<MediaEndpoint>): Promise<MediaEndpoint> {
  opened.push(await ep);
  return opened.at(-1)!;
}
afterEach(async () => {
  await Promise.all(opened.splice(0).map((ep) => ep.close()));
});
afterAll(async () => {
  await caller?.close();
  await agent?.close();
  await worker?.close();
  await t?.close();
  if (workerDir) rmSync(workerDir, { recursive: true, force: true });
});

const SILENCE = { 0: 0xff, 8: 0xd5 } as Record<number, number>;
const isSilence = (p: ReceivedPacket): boolean => p.payload.length === 160 && p.payload.every((b) => b === SILENCE[p.payloadType]);

/** One stream (see streamBreaks: no marker without a stall's timestamp jump). */
function expectContiguous(pkts: ReceivedPacket[]): void {
  expect(streamBreaks(pkts)).toEqual([]);
}

function tone(ms: number, freq: number): Int16Array {
  return new Int16Array((ms * 8000) / 1000).map((_, i) => Math.round(7000 * Math.sin((2 * Math.PI * freq * i) / 8000)));
}

describe('an idle endpoint keeps the line alive', () => {
  for (const [codec, payloads, pt] of [['PCMU', '0 101', 0], ['PCMA', '8 101', 8]] as const) {
    it(`sends ${codec} silence (0x${SILENCE[pt].toString(16).toUpperCase()}) every 20 ms while nothing plays`, async () => {
      caller.clear();
      const ep = await track(t.server.createEndpoint({ remoteSdp: caller.offer({ payloads }) }));
      await waitFor(() => caller.received.length >= 25, 5000, '25 packets of silence');
      const pkts = caller.received.slice(0, 25);
      expect(pkts.every((p) => p.payloadType === pt && isSilence(p) && p.ssrc === pkts[0].ssrc)).toBe(true);
      expect(pkts[0].marker).toBe(true); // the stream's first packet
      expectContiguous(pkts); // and no other marker
      // Paced like audio, not a burst: 25 packets span ~24 frames of wall time.
      expect(pkts[24].at - pkts[0].at).toBeGreaterThan(24 * 20 * 0.8);
      expect(ep.codec).toBe(codec);
      await ep.close();
    });
  }

  it('a prompt after silence, and silence after it, keep sequence numbers and timestamps contiguous, no marker', async () => {
    caller.clear();
    const ep = await track(t.server.createEndpoint({ remoteSdp: caller.offer({ payloads: '0 101' }) }));
    await waitFor(() => caller.received.length >= 5, 5000, 'silence first');
    await ep.play({ kind: 'samples', samples: tone(300, 440) });
    await waitFor(() => caller.received.length > 0 && isSilence(caller.received.at(-1)!) && caller.audible().length >= 15, 5000, 'prompt then silence');
    await sleep(100);
    const pkts = caller.received.slice();
    const first = pkts.findIndex((p) => !isSilence(p));
    expect(first).toBeGreaterThanOrEqual(5);
    expect(pkts.slice(first, first + 15).every((p) => !isSilence(p))).toBe(true);
    expect(pkts.slice(first + 15).every(isSilence)).toBe(true);
    expect(pkts.slice(first + 15).length).toBeGreaterThanOrEqual(5);
    expect(pkts[0].marker).toBe(true);
    expectContiguous(pkts); // no marker where the prompt starts or ends
    await ep.close();
  });

  it('ignores comfort noise (PT 13) in the offer: answers without it and sends G.711 silence', async () => {
    caller.clear();
    const offer = caller.offer({ payloads: '0 13 101', codecs: ['a=rtpmap:0 PCMU/8000', 'a=rtpmap:13 CN/8000'] });
    const ep = await track(t.server.createEndpoint({ remoteSdp: offer }));
    expect(ep.localSdp).toMatch(/^m=audio \d+ RTP\/AVP 0 101\r?$/m);
    expect(ep.localSdp).not.toMatch(/CN\/8000/);
    await waitFor(() => caller.received.length >= 10, 5000, 'silence');
    expect(caller.received.every((p) => p.payloadType === 0 && isSilence(p))).toBe(true);
    await ep.close();
  });
});

describe('SDP direction (RFC 3264): nothing is sent where the far end does not receive', () => {
  for (const [what, offer] of [
    ['a=sendonly', { direction: 'sendonly' }],
    ['a=inactive', { direction: 'inactive' }],
    ['c=0.0.0.0', { address: '0.0.0.0' }],
  ] as const) {
    it(`sends nothing while the far end offers ${what}, and resumes with a marker when it takes us off hold`, async () => {
      caller.clear();
      const ep = await track(t.server.createEndpoint({ remoteSdp: caller.offer({ payloads: '0 101' }) }));
      await waitFor(() => caller.received.length >= 5, 5000, 'silence before hold');
      await ep.modify(caller.offer({ payloads: '0 101', ...offer }));
      await sleep(60); // a packet already sent may still be in flight
      const before = caller.received.length;
      // Recording while on hold keeps the endpoint on the clock: still nothing may be sent.
      const rec = ep.record({ maxDurationMs: 10_000 });
      await sleep(300);
      expect(caller.received.length).toBe(before);
      expect(ep.stats().packetsSent).toBe(before);
      ep.stopRecording();
      await rec;
      await ep.modify(caller.offer({ payloads: '0 101' })); // resume: sendrecv
      await waitFor(() => caller.received.length >= before + 5, 5000, 'silence after resume');
      const last = caller.received[before - 1];
      const resumed = caller.received[before];
      expect(resumed.marker).toBe(true);
      expect((resumed.sequenceNumber - last.sequenceNumber) & 0xffff).toBe(1);
      // The timestamp jump matches the time on hold (≥ 360 ms = 2880 samples).
      expect((resumed.timestamp - last.timestamp) >>> 0).toBeGreaterThanOrEqual(2880);
      expectContiguous(caller.received.slice(before, before + 5));
      await ep.close();
    });
  }

  it('an outbound leg sends nothing before the answer to its offer, then silence', async () => {
    agent.clear();
    const ep = await track(t.server.createEndpoint({ label: 'agent' }));
    await sleep(200);
    expect(ep.stats().packetsSent).toBe(0);
    await ep.setRemoteAnswer(agent.offer({ payloads: '0 101' }));
    await waitFor(() => agent.received.length >= 5, 5000, 'silence after the answer');
    expect(agent.received.every(isSilence)).toBe(true);
    await ep.close();
  });
});

describe('bridged legs', () => {
  it('relay what the other side says, and fill with silence once it stops, timestamps always moving forward', async () => {
    caller.clear();
    agent.clear();
    const a = await track(t.server.createEndpoint({ remoteSdp: caller.offer({ payloads: '0 101' }), label: 'caller' }));
    const b = await track(t.server.createEndpoint({ remoteSdp: agent.offer({ payloads: '0 101' }), label: 'agent' }));
    await a.bridge(b);
    // The caller says nothing for a while: the agent still gets RTP (silence).
    await waitFor(() => agent.received.length >= 10, 5000, 'silence to the agent');
    expect(agent.received.every(isSilence)).toBe(true);
    // Then speaks in real time, then stops again.
    await caller.sendAudio(a, 'PCMU', tone(400, 600), { realTime: true });
    await waitFor(() => agent.audible().length >= 20 && isSilence(agent.received.at(-1)!), 5000, 'speech then silence');
    await sleep(200);
    const pkts = agent.received.slice();
    for (let i = 1; i < pkts.length; i++) {
      expect((pkts[i].sequenceNumber - pkts[i - 1].sequenceNumber) & 0xffff).toBe(1);
      const step = (pkts[i].timestamp - pkts[i - 1].timestamp) | 0;
      expect(step).toBeGreaterThan(0);
      // A new talkspurt (relay starts, silence resumes) is marked; within one, a frame per packet.
      if (step !== 160) expect(pkts[i].marker).toBe(true);
    }
    // No silence between relayed frames: the relayed speech is one block.
    const first = pkts.findIndex((p) => !isSilence(p));
    expect(pkts.slice(first, first + 20).every((p) => !isSilence(p))).toBe(true);
    expect(pkts[first].marker).toBe(true);
    await Promise.all([a.close(), b.close()]);
  });
});

describe('worker thread', () => {
  it('sends the same silence when the media server runs on a worker', async () => {
    caller.clear();
    const ep: MediaEndpoint = await track(worker.createEndpoint({ remoteSdp: caller.offer({ payloads: '8 101' }) }));
    await waitFor(() => caller.received.length >= 10, 5000, 'silence from the worker');
    const pkts = caller.received.slice(0, 10);
    expect(pkts.every((p) => p.payloadType === 8 && isSilence(p))).toBe(true);
    expectContiguous(pkts);
    await ep.close();
  });
});
