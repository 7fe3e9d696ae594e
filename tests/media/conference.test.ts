// Conferences through the mixer (flow-runtime/media/conference-mixer.ts), over real RTP on
// loopback: three phones send three tones; each must hear the two others and not itself
// (measured per frequency with Goertzel), with one PCMA phone among two PCMU ones; after one
// hangs up the two others still hear each other; digits are still reported to their leg's owner
// and not sent to the others; the full mix can be recorded; the worker-thread server mixes too.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import wavefile from 'wavefile';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createMediaServer, createWorkerMediaServer, isMediaError, type MediaConference, type MediaEndpoint } from '@/flow-runtime/media';
import { encodeG711 } from '@/flow-runtime/media/g711';
import { telephoneEventTrain } from '@/flow-runtime/media/rfc4733';
import type { CodecName } from '@/flow-runtime/media/media-endpoint';
import { RtpPeer, waitFor } from './support/rtp-peer';
import { startTestServer, type TestServer } from './support/server';
import { energyShare, tone } from './support/tones';

const FREQ = { a: 400, b: 700, c: 1100 } as const;
/** What a phone heard: its non-silent audio, decoded in arrival order. */
function heard(peer: RtpPeer, codec: CodecName): Int16Array {
  return peer.audibleAudio(codec);
}

function mostCommonSsrc(pkts: readonly { ssrc: number }[]): number | undefined {
  const counts = new Map<number, number>();
  for (const p of pkts) counts.set(p.ssrc, (counts.get(p.ssrc) ?? 0) + 1);
  return [...counts].sort((x, y) => y[1] - x[1])[0]?.[0];
}

let t: TestServer;
const peers: Record<'a' | 'b' | 'c', RtpPeer> = {} as never;
beforeAll(async () => {
  t = startTestServer();
  for (const k of ['a', 'b', 'c'] as const) peers[k] = await RtpPeer.create();
});
afterAll(async () => {
  for (const p of Object.values(peers)) await p.close();
  await t.close();
});

const opened: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((x) => x.close()));
});

/** Three answered legs: a and b PCMU, c PCMA, all with telephone-event 101. */
async function threeLegs(): Promise<Record<'a' | 'b' | 'c', MediaEndpoint>> {
  for (const p of Object.values(peers)) p.clear();
  const a = await t.server.createEndpoint({ remoteSdp: peers.a.offer({ payloads: '0 101' }), label: 'a' });
  const b = await t.server.createEndpoint({ remoteSdp: peers.b.offer({ payloads: '0 101' }), label: 'b' });
  const c = await t.server.createEndpoint({ remoteSdp: peers.c.offer({ payloads: '8 101' }), label: 'c' });
  opened.push(a, b, c);
  expect([a.codec, b.codec, c.codec]).toEqual(['PCMU', 'PCMU', 'PCMA']);
  return { a, b, c };
}

async function conference(...legs: MediaEndpoint[]): Promise<MediaConference> {
  const conf = await t.server.createConference({ label: 'test' });
  opened.unshift(conf); // closed before the legs
  for (const leg of legs) await conf.add(leg);
  return conf;
}

describe('conference', () => {
  it('gives each of three phones the two others and not itself, PCMA and PCMU mixed', async () => {
    const legs = await threeLegs();
    const conf = await conference(legs.a, legs.b, legs.c);
    expect(conf.participants).toHaveLength(3);
    await Promise.all([
      peers.a.sendAudio(legs.a, 'PCMU', tone(1500, FREQ.a), { realTime: true, startTimestamp: 1000 }),
      peers.b.sendAudio(legs.b, 'PCMU', tone(1500, FREQ.b), { realTime: true, startTimestamp: 90_000 }),
      peers.c.sendAudio(legs.c, 'PCMA', tone(1500, FREQ.c), { realTime: true, startTimestamp: 5_000_000 }),
    ]);
    await waitFor(() => Object.values(peers).every((p) => p.audible().length >= 50), 5000, 'mixed audio at every phone');
    expect(peers.c.received.every((p) => p.payloadType === 8)).toBe(true);
    expect(peers.a.received.every((p) => p.payloadType === 0)).toBe(true);
    const got = { a: heard(peers.a, 'PCMU'), b: heard(peers.b, 'PCMU'), c: heard(peers.c, 'PCMA') };
    for (const me of ['a', 'b', 'c'] as const) {
      const shares = Object.fromEntries((['a', 'b', 'c'] as const).map((k) => [k, energyShare(got[me], FREQ[k])]));
      for (const other of ['a', 'b', 'c'] as const) {
        // Two equal tones: about half the energy each; own tone: nothing but G.711 noise.
        if (other === me) expect(shares[other], `${me} hears itself (${JSON.stringify(shares)})`).toBeLessThan(0.02);
        else expect(shares[other], `${me} hears ${other} (${JSON.stringify(shares)})`).toBeGreaterThan(0.3);
      }
    }
    const stats = conf.stats();
    expect(stats.participants).toBe(3);
    expect(stats.framesHeard[legs.c.id]).toBeGreaterThan(50);
  });

  it('keeps the two others talking when one hangs up', async () => {
    const legs = await threeLegs();
    const conf = await conference(legs.a, legs.b, legs.c);
    await waitFor(() => peers.c.received.length > 0, 3000, 'c’s leg streaming');
    const ssrcC = mostCommonSsrc(peers.c.received);
    await legs.c.close(); // c hangs up
    expect(conf.participants).toEqual([legs.a, legs.b]);
    peers.c.clear();
    await Promise.all([
      peers.a.sendAudio(legs.a, 'PCMU', tone(1000, FREQ.a), { realTime: true }),
      peers.b.sendAudio(legs.b, 'PCMU', tone(1000, FREQ.b), { realTime: true, startTimestamp: 777_000 }),
    ]);
    await waitFor(() => peers.a.audible().length >= 30 && peers.b.audible().length >= 30, 5000, 'audio between the two left');
    const atA = heard(peers.a, 'PCMU');
    const atB = heard(peers.b, 'PCMU');
    expect(energyShare(atA, FREQ.b)).toBeGreaterThan(0.8);
    expect(energyShare(atA, FREQ.a)).toBeLessThan(0.02);
    expect(energyShare(atB, FREQ.a)).toBeGreaterThan(0.8);
    expect(energyShare(atB, FREQ.b)).toBeLessThan(0.02);
    expect(peers.c.received.filter((p) => p.ssrc === ssrcC)).toHaveLength(0); // nothing more to the phone that hung up
  });

  it('leaves a removed participant on its own (silence) while the others continue', async () => {
    const legs = await threeLegs();
    const conf = await conference(legs.a, legs.b, legs.c);
    await conf.remove(legs.b);
    expect(conf.participants).toEqual([legs.a, legs.c]);
    for (const p of Object.values(peers)) p.clear();
    await Promise.all([
      peers.a.sendAudio(legs.a, 'PCMU', tone(800, FREQ.a), { realTime: true }),
      peers.c.sendAudio(legs.c, 'PCMA', tone(800, FREQ.c), { realTime: true }),
    ]);
    await waitFor(() => peers.a.audible().length >= 20 && peers.c.audible().length >= 20, 5000, 'audio between a and c');
    expect(energyShare(heard(peers.c, 'PCMA'), FREQ.a)).toBeGreaterThan(0.8);
    expect(peers.b.received.length).toBeGreaterThan(20); // b's leg still gets RTP (silence)…
    // …and nothing of the conference. Only b's own stream counts: the peers' ports are ephemeral
    // and other test files run at the same time, so a stray packet may reach this socket.
    const ssrcB = mostCommonSsrc(peers.b.received);
    const strayOrMixed = peers.b.audible().filter((p) => p.ssrc === ssrcB);
    expect(strayOrMixed, JSON.stringify(peers.b.audible().map((p) => ({ ssrc: p.ssrc, seq: p.sequenceNumber }))).slice(0, 300)).toHaveLength(0);
    await legs.b.play({ kind: 'tone', tone: 'beep' }); // and is a normal leg again
  });

  it('reports a participant’s RFC 4733 digits on its own endpoint, not as audio or events to the others', async () => {
    const legs = await threeLegs();
    await conference(legs.a, legs.b, legs.c);
    const digits: string[] = [];
    legs.a.on('dtmf', (e) => digits.push(e.digit));
    const train = telephoneEventTrain('5', 100);
    for (const [i, payload] of train.entries()) {
      peers.a.sendRtp(legs.a, 101, payload, 40_000, i === 0);
      await new Promise((r) => setTimeout(r, 20));
    }
    await waitFor(() => digits.length > 0, 3000, 'the digit on a');
    expect(digits).toEqual(['5']);
    expect(peers.b.received.filter((p) => p.payloadType === 101)).toHaveLength(0);
    expect(peers.c.received.filter((p) => p.payloadType === 101)).toHaveLength(0);
  });

  it('mixes missing packets as silence (nothing replayed) and drops late ones', async () => {
    const legs = await threeLegs();
    const conf = await conference(legs.a, legs.b);
    const pcm = tone(1000, FREQ.a);
    const t0 = performance.now();
    for (let f = 0; f < 50; f++) {
      // Frames 20–29 are lost: 200 ms the others must hear as silence, not as the last frames again.
      if (f < 20 || f >= 30) peers.a.sendRtp(legs.a, 0, encodeG711('PCMU', pcm.subarray(f * 160, f * 160 + 160)), 3000 + f * 160, f === 0);
      const wait = t0 + (f + 1) * 20 - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
    peers.a.sendRtp(legs.a, 0, encodeG711('PCMU', pcm.subarray(0, 160)), 3000 + 5 * 160); // frame 5 again, long after its tick
    await waitFor(() => conf.stats().latePackets[legs.a.id] >= 1, 3000, 'the late packet counted');
    await new Promise((r) => setTimeout(r, 100));
    const audible = peers.b.audible().length;
    expect(audible).toBeGreaterThanOrEqual(30); // most of the 40 sent frames (a loaded machine may make a few late)
    expect(audible).toBeLessThanOrEqual(40); // never more than were sent: no stale frame replayed, the late one dropped
    expect(conf.stats().framesMissing[legs.a.id]).toBeGreaterThanOrEqual(10);
  });

  it('refuses to play or bridge a participant (media.busy) and to take a closed endpoint', async () => {
    const legs = await threeLegs();
    const conf = await conference(legs.a, legs.b);
    await expect(legs.a.play({ kind: 'tone', tone: 'beep' })).rejects.toSatisfy((e) => isMediaError(e, 'media.busy'));
    await expect(legs.c.bridge(legs.b)).rejects.toSatisfy((e) => isMediaError(e, 'media.busy'));
    await legs.c.close();
    await expect(conf.add(legs.c)).rejects.toSatisfy((e) => isMediaError(e, 'media.closed'));
  });

  it('records the full mix of everyone', async () => {
    const legs = await threeLegs();
    const conf = await conference(legs.a, legs.b, legs.c);
    const file = path.join(t.dir, 'conference.wav');
    const rec = conf.record({ path: file, maxDurationMs: 30_000 });
    await Promise.all([
      peers.a.sendAudio(legs.a, 'PCMU', tone(800, FREQ.a, 4000), { realTime: true }),
      peers.c.sendAudio(legs.c, 'PCMA', tone(800, FREQ.c, 4000), { realTime: true }),
    ]);
    conf.stopRecording();
    const result = await rec;
    expect(result.reason).toBe('stopped');
    const wav = new wavefile.WaveFile(readFileSync(result.path));
    const samples = Int16Array.from(wav.getSamples(false, Int16Array) as unknown as Int16Array);
    const first = samples.findIndex((x) => Math.abs(x) > 64);
    const last = samples.findLastIndex((x) => Math.abs(x) > 64);
    const audible = samples.subarray(first, last + 1);
    expect(audible.length).toBeGreaterThan(4000);
    expect(energyShare(audible, FREQ.a)).toBeGreaterThan(0.3);
    expect(energyShare(audible, FREQ.c)).toBeGreaterThan(0.3);
    expect(energyShare(audible, FREQ.b)).toBeLessThan(0.02);
  });
});

describe('conference on the worker-thread media server', () => {
  it('mixes in the worker too: each hears the two others, not itself; one hangs up, the two others continue', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'relais-conf-worker-'));
    const server = createMediaServer({ thread: 'worker', host: '127.0.0.1', portMin: 51000, portMax: 51998, cacheDir: path.join(dir, 'cache'), recordingsDir: path.join(dir, 'recordings') });
    try {
      for (const p of Object.values(peers)) p.clear();
      const a = await server.createEndpoint({ remoteSdp: peers.a.offer({ payloads: '0 101' }) });
      const b = await server.createEndpoint({ remoteSdp: peers.b.offer({ payloads: '0 101' }) });
      const c = await server.createEndpoint({ remoteSdp: peers.c.offer({ payloads: '8 101' }) });
      const conf = await server.createConference({ label: 'worker' });
      for (const leg of [a, b, c]) await conf.add(leg);
      expect(conf.participants).toEqual([a, b, c]);
      await expect(a.play({ kind: 'tone', tone: 'beep' })).rejects.toSatisfy((e) => isMediaError(e, 'media.busy'));
      await Promise.all([
        peers.a.sendAudio(a, 'PCMU', tone(1200, FREQ.a), { realTime: true }),
        peers.b.sendAudio(b, 'PCMU', tone(1200, FREQ.b), { realTime: true }),
        peers.c.sendAudio(c, 'PCMA', tone(1200, FREQ.c), { realTime: true }),
      ]);
      await waitFor(() => Object.values(peers).every((p) => p.audible().length >= 40), 5000, 'mixed audio at every phone');
      const got = { a: heard(peers.a, 'PCMU'), b: heard(peers.b, 'PCMU'), c: heard(peers.c, 'PCMA') };
      for (const me of ['a', 'b', 'c'] as const) {
        for (const other of ['a', 'b', 'c'] as const) {
          const share = energyShare(got[me], FREQ[other]);
          if (other === me) expect(share, `${me} hears itself`).toBeLessThan(0.02);
          else expect(share, `${me} hears ${other}`).toBeGreaterThan(0.3);
        }
      }
      await c.close();
      expect(conf.participants).toEqual([a, b]);
      peers.a.clear();
      peers.b.clear();
      await Promise.all([peers.a.sendAudio(a, 'PCMU', tone(800, FREQ.a), { realTime: true }), peers.b.sendAudio(b, 'PCMU', tone(800, FREQ.b), { realTime: true })]);
      await waitFor(() => peers.a.audible().length >= 25 && peers.b.audible().length >= 25, 5000, 'audio between the two left');
      expect(energyShare(heard(peers.a, 'PCMU'), FREQ.b)).toBeGreaterThan(0.8);
      expect(energyShare(heard(peers.b, 'PCMU'), FREQ.a)).toBeGreaterThan(0.8);
      await (server as { refreshStats?(): Promise<void> }).refreshStats?.();
      expect(conf.stats().framesHeard[a.id]).toBeGreaterThan(40);
      await conf.close();
      // closing gives the legs back: they can be bridged (the worker was told of the close)
      await a.bridge(b);
      expect(a.bridgedTo).toBe(b);
    } finally {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a worker crash closes the conference with its legs: operations reject media.closed, its recording media.record_failed', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'relais-conf-crash-'));
    const server = createWorkerMediaServer({ host: '127.0.0.1', portMin: 51000, portMax: 51998, cacheDir: path.join(dir, 'cache'), recordingsDir: path.join(dir, 'recordings'), log: () => undefined });
    try {
      const a = await server.createEndpoint({ remoteSdp: peers.a.offer({ payloads: '0 101' }) });
      const b = await server.createEndpoint({ remoteSdp: peers.b.offer({ payloads: '0 101' }) });
      const conf = await server.createConference();
      await conf.add(a);
      await conf.add(b);
      const recording = conf.record({ maxDurationMs: 60_000 });
      await waitFor(() => conf.recording, 3000, 'the recording started');
      await server.simulateCrash();
      await expect(recording).rejects.toSatisfy((e) => isMediaError(e, 'media.record_failed'));
      expect(conf.closed).toBe(true);
      expect(conf.participants).toEqual([]);
      await expect(conf.add(a)).rejects.toSatisfy((e) => isMediaError(e, 'media.closed'));
      await conf.close(); // idempotent
      // The next conference gets a new worker.
      const next = await server.createConference();
      expect(server.workerRestarts).toBe(1);
      await next.close();
    } finally {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
