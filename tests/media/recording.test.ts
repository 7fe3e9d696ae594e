// Recording: the WAV holds what the caller sent, for as long as it was sent.
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import wavefile from 'wavefile';
import { describe, expect, it } from 'vitest';
import { isMediaError, type MediaEndpoint } from '@/flow-runtime/media';
import { decodeG711, encodeG711 } from '@/flow-runtime/media/g711';
import { buildTelephoneEvent } from '@/flow-runtime/media/rfc4733';
import { buildRtpPacket, parseRtpPacket } from '@/flow-runtime/media/rtp-packet';
import { readPcapUdp } from './support/pcap';
import { bestCorrelation, sleep, waitFor } from './support/rtp-peer';
import { useMediaFixture } from './support/media-fixture';

const media = useMediaFixture();

function readWav(file: string): { samples: Int16Array; rate: number; channels: number; bits: string } {
  const wav = new wavefile.WaveFile(readFileSync(file));
  const fmt = wav.fmt as { sampleRate: number; numChannels: number };
  return { samples: wav.getSamples(false, Int16Array) as unknown as Int16Array, rate: fmt.sampleRate, channels: fmt.numChannels, bits: wav.bitDepth };
}

function tone(ms: number, freq = 400): Int16Array {
  return new Int16Array((ms * 8000) / 1000).map((_, i) => Math.round(8000 * Math.sin((2 * Math.PI * freq * i) / 8000)));
}

async function endpoint(payloads = '0 101'): Promise<MediaEndpoint> {
  return media.server.createEndpoint({ remoteSdp: media.peer.offer({ payloads }) });
}

describe('recording', () => {
  it('records the SIPp G.711 A-law capture: WAV duration matches what was sent, audio matches', async () => {
    const packets = readPcapUdp('/usr/share/sip-tester/g711a.pcap').map((p) => ({ raw: p.payload, rtp: parseRtpPacket(p.payload)! }));
    const sentSamples = packets.reduce((n, p) => n + p.rtp.payload.length, 0);
    const sentMs = (sentSamples / 8000) * 1000;
    expect(sentMs).toBe(7080); // 236 packets of 30 ms

    const ep = await endpoint('8 101');
    const file = path.join(media.dir, 'voicemail.wav');
    const recording = ep.record({ path: file, maxDurationMs: 60_000, finishKeys: '#' });
    for (let i = 0; i < packets.length; i++) {
      media.peer.send(ep, packets[i].raw);
      if (i % 10 === 9) await sleep(5);
    }
    await waitFor(() => ep.stats().packetsReceived === packets.length, 5000, 'all packets received');
    ep.stopRecording();
    const result = await recording;
    expect(result.reason).toBe('stopped');
    expect(result.path).toBe(file);
    expect(Math.abs(result.durationMs - sentMs)).toBeLessThanOrEqual(40);
    expect(result.bytes).toBe(statSync(file).size);

    const wav = readWav(file);
    expect(wav).toMatchObject({ rate: 8000, channels: 1, bits: '16' });
    expect(Math.abs((wav.samples.length / 8000) * 1000 - sentMs)).toBeLessThanOrEqual(40);
    const sent = new Int16Array(sentSamples);
    let o = 0;
    for (const p of packets) {
      sent.set(decodeG711('PCMA', p.rtp.payload), o);
      o += p.rtp.payload.length;
    }
    expect(bestCorrelation(sent, wav.samples, 0).r).toBeGreaterThan(0.999);
    await ep.close();
  });

  it('stops after the configured silence, keeping the audio up to there', async () => {
    const ep = await endpoint();
    const recording = ep.record({ maxDurationMs: 30_000, silenceTimeoutMs: 1000 });
    const audio = new Int16Array(8000 * 4);
    audio.set(tone(1000));
    await media.peer.sendAudio(ep, 'PCMU', audio, { burst: 10 });
    const result = await recording;
    expect(result.reason).toBe('silence');
    expect(Math.abs(result.durationMs - 2000)).toBeLessThanOrEqual(40);
    expect(existsSync(result.path)).toBe(true);
    expect(path.dirname(result.path)).toBe(path.join(media.dir, 'recordings'));
    await ep.close();
  });

  it('stops on silence when the caller sends nothing at all', async () => {
    const ep = await endpoint();
    const recording = ep.record({ maxDurationMs: 30_000, silenceTimeoutMs: 500 });
    await media.peer.sendAudio(ep, 'PCMU', tone(400));
    const result = await recording;
    expect(result.reason).toBe('silence');
    expect(result.durationMs).toBe(400);
    await ep.close();
  });

  it('stops on a finish key (RFC 4733), which is not part of the audio', async () => {
    const ep = await endpoint();
    const recording = ep.record({ maxDurationMs: 30_000, finishKeys: ['#', '*'] });
    const next = await media.peer.sendAudio(ep, 'PCMU', tone(600));
    await sleep(50);
    media.peer.sendRtp(ep, 101, buildTelephoneEvent({ event: 11, end: false, volume: 10, duration: 160 }), next, true);
    const result = await recording;
    expect(result).toMatchObject({ reason: 'finish-key', digit: '#', durationMs: 600 });
    await ep.close();
  });

  it('stops at the maximum length, exactly', async () => {
    const ep = await endpoint();
    const recording = ep.record({ maxDurationMs: 1000 });
    await media.peer.sendAudio(ep, 'PCMU', tone(1500));
    const result = await recording;
    expect(result.reason).toBe('max-duration');
    expect(result.durationMs).toBe(1000);
    expect(readWav(result.path).samples.length).toBe(8000);
    await ep.close();
  });

  it('fills lost packets with silence, by RTP timestamp', async () => {
    const ep = await endpoint();
    const recording = ep.record({ maxDurationMs: 30_000 });
    const pcm = tone(20);
    for (let i = 0; i < 50; i++) {
      if (i >= 20 && i < 25) continue; // 5 packets lost: gaps in sequence numbers and timestamps
      media.peer.send(ep, buildRtpPacket({ payloadType: 0, marker: i === 0, sequenceNumber: 100 + i, timestamp: 7000 + i * 160, ssrc: 42 }, encodeG711('PCMU', pcm)));
    }
    await waitFor(() => ep.stats().packetsReceived === 45, 5000);
    expect(ep.stats().packetsLost).toBe(5);
    ep.stopRecording();
    expect((await recording).durationMs).toBe(1000);
    await ep.close();
  });

  it('aborting deletes the recording; a second record() is busy; closing keeps what was captured', async () => {
    const ep = await endpoint();
    const ac = new AbortController();
    const file = path.join(media.dir, 'aborted.wav');
    const aborted = ep.record({ path: file, maxDurationMs: 10_000, signal: ac.signal });
    expect(isMediaError(await ep.record({ maxDurationMs: 1000 }).catch((e) => e), 'media.busy')).toBe(true);
    await media.peer.sendAudio(ep, 'PCMU', tone(200));
    ac.abort();
    expect(isMediaError(await aborted.catch((e) => e), 'media.aborted')).toBe(true);
    await sleep(50);
    expect(existsSync(file)).toBe(false);

    const kept = ep.record({ maxDurationMs: 10_000 });
    await media.peer.sendAudio(ep, 'PCMU', tone(300));
    await waitFor(() => ep.stats().packetsReceived >= 25, 5000);
    await ep.close();
    const result = await kept;
    expect(result.reason).toBe('closed');
    expect(result.durationMs).toBe(300);
    expect(existsSync(result.path)).toBe(true);
  });
});
