// Two-way recording (RecordOptions.sides = 'both', the call recording of issue 13): the WAV of a
// bridged caller's endpoint holds the caller's voice AND the agent's (relayed to the caller), in
// step; the default recording of the same call holds the caller only. Also: while the caller
// hears hold music instead of the agent, the music is what is recorded from our side.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import wavefile from 'wavefile';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { MediaEndpoint } from '@/flow-runtime/media';
import { RtpPeer, waitFor } from './support/rtp-peer';
import { startTestServer, type TestServer } from './support/server';
import { tone, toneLevel } from './support/tones';

let t: TestServer;
let caller: RtpPeer;
let agent: RtpPeer;
beforeAll(async () => {
  t = startTestServer();
  caller = await RtpPeer.create();
  agent = await RtpPeer.create();
});
afterAll(async () => {
  await caller.close();
  await agent.close();
  await t.close();
});
const opened: MediaEndpoint[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((ep) => ep.close()));
});

function readWav(file: string): Int16Array {
  const wav = new wavefile.WaveFile(readFileSync(file));
  return wav.getSamples(false, Int16Array) as unknown as Int16Array;
}

async function bridged(): Promise<[MediaEndpoint, MediaEndpoint]> {
  caller.clear();
  agent.clear();
  const a = await t.server.createEndpoint({ remoteSdp: caller.offer({ payloads: '0 101' }), label: 'caller' });
  const b = await t.server.createEndpoint({ remoteSdp: agent.offer({ payloads: '8 101' }), label: 'agent' });
  opened.push(a, b);
  await a.bridge(b);
  return [a, b];
}

describe("record({ sides: 'both' })", () => {
  it('mixes what the caller sends with what the agent sends (relayed to the caller) into one mono WAV', async () => {
    const [a, b] = await bridged();
    const recording = a.record({ path: path.join(t.dir, 'call.wav'), maxDurationMs: 60_000, sides: 'both' });
    expect(a.recording).toBe(true);
    // both speak at once for 1.5 s: the caller at 1000 Hz (µ-law), the agent at 600 Hz (A-law)
    await Promise.all([
      caller.sendAudio(a, 'PCMU', tone(1500, 1000), { realTime: true }),
      agent.sendAudio(b, 'PCMA', tone(1500, 600), { realTime: true, startTimestamp: 77_000 }),
    ]);
    await waitFor(() => caller.audible().length > 50, 5000, 'the agent relayed to the caller');
    a.stopRecording();
    const result = await recording;
    expect(result.reason).toBe('stopped');
    const pcm = readWav(result.path);
    expect(result.durationMs).toBeGreaterThan(1300);
    expect(result.durationMs).toBeLessThan(4000);
    const callerLevel = toneLevel(pcm, 1000);
    const agentLevel = toneLevel(pcm, 600);
    const elsewhere = toneLevel(pcm, 1700);
    // both tones present at a comparable level, nothing much elsewhere
    expect(callerLevel).toBeGreaterThan(1000);
    expect(agentLevel).toBeGreaterThan(1000);
    expect(agentLevel / callerLevel).toBeGreaterThan(0.5);
    expect(agentLevel / callerLevel).toBeLessThan(2);
    expect(elsewhere).toBeLessThan(callerLevel / 10);
  });

  it('the default recording of the same bridge holds the caller only', async () => {
    const [a, b] = await bridged();
    const recording = a.record({ path: path.join(t.dir, 'caller-only.wav'), maxDurationMs: 60_000 });
    await Promise.all([
      caller.sendAudio(a, 'PCMU', tone(1000, 1000), { realTime: true }),
      agent.sendAudio(b, 'PCMA', tone(1000, 600), { realTime: true }),
    ]);
    a.stopRecording();
    const pcm = readWav((await recording).path);
    expect(toneLevel(pcm, 1000)).toBeGreaterThan(1000);
    expect(toneLevel(pcm, 600)).toBeLessThan(toneLevel(pcm, 1000) / 10);
  });

  it('keeps wall-clock time when a side is silent (the caller on hold hears music: that is recorded), and close() keeps the audio', async () => {
    const [a] = await bridged();
    const recording = a.record({ path: path.join(t.dir, 'hold.wav'), maxDurationMs: 60_000, sides: 'both' });
    await a.unbridge();
    void a.play({ kind: 'tone', tone: 'hold' }, { loop: true });
    await new Promise((r) => setTimeout(r, 1000));
    await a.close();
    const result = await recording;
    expect(result.reason).toBe('closed');
    // nothing came from the caller: the recording is the hold music we sent, as long as it lasted
    expect(result.durationMs).toBeGreaterThan(800);
    expect(result.durationMs).toBeLessThan(1600);
    const pcm = readWav(result.path);
    let e = 0;
    for (const x of pcm) e += x * x;
    expect(Math.sqrt(e / pcm.length)).toBeGreaterThan(300);
  });
});
