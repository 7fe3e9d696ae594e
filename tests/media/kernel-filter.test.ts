// The kernel receive filter (flow-runtime/media/native, issue 18): while nothing uses a leg's
// audio (a caller listening to a menu or to hold music), the kernel drops the caller's audio
// packets, and the media server reads only its RFC 4733 digits and packets from a new source.
// What a user would notice if it went wrong: digits not heard, a voicemail or a bridge without
// the caller's voice, our audio still going to an old address after the far end moved.
import { readFileSync } from 'node:fs';
import wavefile from 'wavefile';
import { describe, expect, it } from 'vitest';
import type { DtmfEvent, MediaEndpoint } from '@/flow-runtime/media';
import { buildTelephoneEvent } from '@/flow-runtime/media/rfc4733';
import { RtpPeer, isSilentPacket, sleep, waitFor } from './support/rtp-peer';
import { useMediaFixture } from './support/media-fixture';
import { energyShare, tone, toneShare } from './support/tones';

const media = useMediaFixture();

function wavSamples(file: string): Int16Array {
  return new wavefile.WaveFile(readFileSync(file)).getSamples(false, Int16Array) as unknown as Int16Array;
}

/** Packets the media server's JavaScript read (the filter's drops are not among them). */
const readByServer = (): number => media.server.pacingStats().packetsReceived;

async function latchedEndpoint(peer: RtpPeer): Promise<MediaEndpoint> {
  const ep = await media.server.createEndpoint({ remoteSdp: peer.offer() });
  await peer.sendAudio(ep, 'PCMU', tone(40, 440)); // two frames: the endpoint latches on the first
  await waitFor(() => ep.stats().packetsReceived >= 2, 5000, 'the first packets');
  return ep;
}

function pressDigit(peer: RtpPeer, ep: MediaEndpoint, event: number, timestamp: number): void {
  for (let i = 0; i < 3; i++) peer.sendRtp(ep, 101, buildTelephoneEvent({ event, end: false, volume: 10, duration: 160 * (i + 1) }), timestamp, i === 0);
  for (let i = 0; i < 3; i++) peer.sendRtp(ep, 101, buildTelephoneEvent({ event, end: true, volume: 10, duration: 800 }), timestamp);
}

describe('kernel receive filter', () => {
  it('is built and used on this machine (npm install builds it)', () => {
    expect(media.server.kernelFilter).toBe(true);
  });

  it('drops a menu caller’s audio in the kernel, counts it as received, and still hears the digits', async () => {
    const ep = await latchedEndpoint(media.peer);
    const digits: DtmfEvent[] = [];
    ep.on('dtmf', (e) => digits.push(e));
    const read0 = readByServer();
    const received0 = ep.stats().packetsReceived;
    await media.peer.sendAudio(ep, 'PCMU', tone(2000, 440), { startTimestamp: 10_000 }); // 100 frames
    await waitFor(() => ep.stats().packetsReceived - received0 >= 100, 5000, '100 frames counted');
    expect(readByServer() - read0).toBeLessThanOrEqual(2); // the kernel dropped them: none reached JavaScript
    pressDigit(media.peer, ep, 5, 40_000);
    await waitFor(() => digits.length > 0, 5000, 'the digit');
    expect(digits.map((d) => [d.digit, d.source])).toEqual([['5', 'rfc4733']]);
    await ep.close();
  });

  it('reads audio again from a new source (the far end moved) and sends our RTP there', async () => {
    const ep = await latchedEndpoint(media.peer);
    const moved = await RtpPeer.create();
    try {
      await moved.sendAudio(ep, 'PCMU', tone(100, 440), { startTimestamp: 50_000 });
      await waitFor(() => moved.received.length >= 5, 5000, 'our RTP at the new address');
      // and the filter follows: audio from the new address is now dropped, from the old one read
      const read0 = readByServer();
      await moved.sendAudio(ep, 'PCMU', tone(400, 440), { startTimestamp: 60_000 });
      await sleep(100);
      expect(readByServer() - read0).toBeLessThanOrEqual(2);
    } finally {
      await moved.close();
      await ep.close();
    }
  });

  it('gives a recording started during the call the caller’s voice', async () => {
    const ep = await latchedEndpoint(media.peer);
    await media.peer.sendAudio(ep, 'PCMU', tone(400, 440), { startTimestamp: 10_000 }); // filtered
    const recording = ep.record({ maxDurationMs: 30_000 });
    await media.peer.sendAudio(ep, 'PCMU', tone(1000, 1000), { startTimestamp: 20_000 });
    await waitFor(() => ep.stats().bytesReceived >= 50 * 160, 5000, 'the recorded frames read');
    ep.stopRecording();
    const result = await recording;
    const samples = wavSamples(result.path);
    expect(samples.length).toBeGreaterThanOrEqual(7600); // ~1 s of the caller
    expect(energyShare(samples, 1000)).toBeGreaterThan(0.8); // the voice sent after record()
    await ep.close();
  });

  it('relays the caller’s voice once bridged, and drops it again when unbridged', async () => {
    const agentPeer = await RtpPeer.create();
    const caller = await latchedEndpoint(media.peer);
    const agent = await latchedEndpoint(agentPeer);
    try {
      await caller.bridge(agent);
      agentPeer.clear();
      await media.peer.sendAudio(caller, 'PCMU', tone(600, 1000), { startTimestamp: 30_000 });
      await waitFor(() => agentPeer.received.filter((p) => p.payloadType === 0 && !isSilentPacket(p)).length >= 25, 5000, 'the caller relayed to the agent');
      expect(toneShare(agentPeer.audibleAudio('PCMU'), 1000)).toBeGreaterThan(0.8);
      await caller.unbridge();
      const read0 = readByServer();
      await media.peer.sendAudio(caller, 'PCMU', tone(400, 1000), { startTimestamp: 40_000 });
      await sleep(100);
      expect(readByServer() - read0).toBeLessThanOrEqual(2);
    } finally {
      await caller.close();
      await agent.close();
      await agentPeer.close();
    }
  });

  it('survives hostile datagrams from the latched source and from others: the call still hears its digits', async () => {
    const ep = await latchedEndpoint(media.peer);
    const digits: DtmfEvent[] = [];
    ep.on('dtmf', (e) => digits.push(e));
    const other = await RtpPeer.create();
    try {
      const junk = [Buffer.alloc(0), Buffer.from([0x80]), Buffer.alloc(12, 0xff), Buffer.from([0x80, 0xc8, 0, 6]), Buffer.alloc(1500, 0x80)];
      for (const b of junk) {
        media.peer.send(ep, b);
        other.send(ep, b);
      }
      pressDigit(media.peer, ep, 7, 90_000);
      await waitFor(() => digits.length > 0, 5000, 'the digit after the junk');
      expect(digits.map((d) => d.digit)).toEqual(['7']);
    } finally {
      await other.close();
      await ep.close();
    }
  });

  it('reads every packet while in-band detection needs them (no telephone-event negotiated)', async () => {
    const ep = await media.server.createEndpoint({ remoteSdp: media.peer.offer({ payloads: '0 8', dtmf: null }) });
    const read0 = readByServer();
    await media.peer.sendAudio(ep, 'PCMU', tone(1000, 440), { startTimestamp: 70_000 });
    await waitFor(() => readByServer() - read0 >= 50, 5000, 'all 50 frames read');
    await ep.close();
  });
});
