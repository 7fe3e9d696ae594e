// Prompt playback: what the caller receives is the prompt, paced on the 20 ms grid.
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isMediaError, type MediaEndpoint } from '@/flow-runtime/media';
import { bestCorrelation, fromFirstSound, isSilentPacket, sleep, streamBreaks, waitFor } from './support/rtp-peer';
import { useMediaFixture } from './support/media-fixture';

const media = useMediaFixture();

/** A speech-like test signal: a gliding tone with a 4 Hz amplitude envelope. */
function glide(ms: number): Int16Array {
  const n = (ms * 8000) / 1000;
  const out = new Int16Array(n);
  let phase = 0;
  for (let i = 0; i < n; i++) {
    phase += (2 * Math.PI * (300 + (900 * i) / n)) / 8000;
    out[i] = Math.round(8000 * (0.6 + 0.4 * Math.sin((2 * Math.PI * 4 * i) / 8000)) * Math.sin(phase));
  }
  return out;
}

async function answered(codec: 'PCMU' | 'PCMA' = 'PCMU'): Promise<MediaEndpoint> {
  media.peer.clear();
  return media.server.createEndpoint({ remoteSdp: media.peer.offer({ payloads: codec === 'PCMU' ? '0 101' : '8 101' }) });
}

describe('playing prompts', () => {
  it('sends the prompt as paced RTP that decodes back to the same audio', async () => {
    const ep = await answered();
    const samples = glide(800);
    const result = await ep.play({ kind: 'samples', samples });
    expect(result).toEqual({ reason: 'finished', playedMs: 800 });
    // The prompt's 40 packets, then silence (the stream never stops; see silence.test.ts).
    await waitFor(() => media.peer.audible().length >= 40 && isSilentPacket(media.peer.received.at(-1)!), 5000, '40 packets then silence');
    const all = media.peer.received;
    const start = all.findIndex((p) => !isSilentPacket(p));
    const pkts = all.slice(start, start + 40);
    expect(media.peer.audible()).toHaveLength(40);
    expect(all.every((p) => p.payloadType === 0 && p.payload.length === 160 && p.ssrc === all[0].ssrc)).toBe(true);
    // Marker on the stream's first packet only: silence before and after keeps it contiguous (RFC 3551 §4.1).
    expect(all[0].marker).toBe(true);
    expect(streamBreaks(all)).toEqual([]);
    const { r, lag } = bestCorrelation(fromFirstSound('PCMU', samples), media.peer.receivedAudio('PCMU', { fromFirstSound: true }), 10);
    expect(lag).toBe(0);
    expect(r).toBeGreaterThan(0.98);
    // Paced, not burst: 40 packets take at least ~39 frames of wall time to arrive.
    expect(pkts.at(-1)!.at - pkts[0].at).toBeGreaterThan(39 * 20 * 0.8);
    const stats = ep.stats();
    expect(stats.packetsSent).toBeGreaterThanOrEqual(all.length);
    expect(stats.pacing.samples).toBe(stats.packetsSent);
    expect(stats.pacing.p50Ms).toBeLessThan(10);
    expect(stats.pacing.p50Ms).toBeLessThanOrEqual(stats.pacing.p99Ms);
    await ep.close();
  });

  it('encodes A-law when PCMA was negotiated', async () => {
    const ep = await answered('PCMA');
    const samples = glide(300);
    await ep.play({ kind: 'samples', samples });
    await waitFor(() => media.peer.audible().length >= 15, 5000);
    expect(media.peer.received.every((p) => p.payloadType === 8)).toBe(true);
    expect(bestCorrelation(fromFirstSound('PCMA', samples), media.peer.receivedAudio('PCMA', { fromFirstSound: true }), 0).r).toBeGreaterThan(0.98);
    await ep.close();
  });

  it('plays a sequence back to back and resamples 16 kHz samples', async () => {
    const ep = await answered();
    const wide = new Int16Array(3200).map((_, i) => Math.round(6000 * Math.sin((2 * Math.PI * 500 * i) / 16000)));
    const result = await ep.play([{ kind: 'tone', tone: 'beep' }, { kind: 'silence', ms: 100 }, { kind: 'samples', samples: wide, sampleRate: 16000 }]);
    expect(result).toEqual({ reason: 'finished', playedMs: 500 });
    // 10 beep packets, 5 of silence, 10 of the resampled tone.
    await waitFor(() => media.peer.audible().length >= 20, 5000);
    const audio = media.peer.receivedAudio('PCMU', { fromFirstSound: true });
    const resampled = new Int16Array(1600).map((_, i) => Math.round(6000 * Math.sin((2 * Math.PI * 500 * i) / 8000)));
    expect(bestCorrelation(resampled, audio.subarray(2400), 4).r).toBeGreaterThan(0.95);
    await ep.close();
  });

  it('loops hold music until stopped, and says so in the result and the event', async () => {
    const ep = await answered();
    const finished: unknown[] = [];
    ep.on('playback-finished', (r) => finished.push(r));
    const playing = ep.play({ kind: 'tone', tone: 'hold' }, { loop: true });
    await waitFor(() => media.peer.audible().length >= 10, 5000);
    expect(ep.playing).toBe(true);
    ep.stopPlayback();
    const result = await playing;
    expect(result.reason).toBe('stopped');
    expect(ep.playing).toBe(false);
    await sleep(60);
    const count = media.peer.audible().length;
    const total = media.peer.received.length;
    await sleep(100);
    // The music stopped: what keeps coming is silence.
    expect(media.peer.audible().length).toBe(count);
    expect(media.peer.received.length).toBeGreaterThan(total);
    expect(finished).toEqual([result]);
    await ep.close();
  });

  it('a loop of a short prompt keeps going past its length', async () => {
    const ep = await answered();
    const playing = ep.play({ kind: 'samples', samples: glide(100) }, { loop: true });
    await waitFor(() => media.peer.audible().length >= 15, 5000, '15 packets of a 5-packet prompt');
    ep.stopPlayback();
    expect((await playing).playedMs).toBeGreaterThanOrEqual(300);
    await ep.close();
  });

  it('a new play replaces the current one; abort rejects with media.aborted; close resolves closed', async () => {
    const ep = await answered();
    const first = ep.play({ kind: 'tone', tone: 'hold' }, { loop: true });
    const second = ep.play({ kind: 'silence', ms: 60 });
    expect((await first).reason).toBe('stopped');
    expect((await second).reason).toBe('finished');

    const ac = new AbortController();
    const aborted = ep.play({ kind: 'tone', tone: 'hold' }, { loop: true, signal: ac.signal });
    await sleep(50);
    ac.abort();
    expect(isMediaError(await aborted.catch((e) => e), 'media.aborted')).toBe(true);
    expect(ep.playing).toBe(false);

    const closing = ep.play({ kind: 'tone', tone: 'ringback' }, { loop: true });
    await sleep(50);
    await ep.close();
    expect((await closing).reason).toBe('closed');
    expect(isMediaError(await ep.play({ kind: 'silence', ms: 20 }).catch((e) => e), 'media.closed')).toBe(true);
    await ep.close(); // idempotent
  });
});

describe('prompt files and text-to-speech', () => {
  it('converts a 44.1 kHz stereo WAV once with sox and plays it', async () => {
    const src = path.join(media.dir, 'sweep.wav');
    execFileSync('sox', ['-n', '-r', '44100', '-c', '2', src, 'synth', '0.6', 'sine', '300-1500', 'gain', '-6']);
    const ep = await answered();
    await ep.play({ kind: 'file', path: src });
    await waitFor(() => media.peer.audible().length >= 29, 5000);
    const reference = (await media.server.prompts.load({ kind: 'file', path: src })).pcm;
    expect(reference.length).toBe(4800);
    expect(bestCorrelation(fromFirstSound('PCMU', reference), media.peer.receivedAudio('PCMU', { fromFirstSound: true }), 0).r).toBeGreaterThan(0.98);
    const cached = readdirSync(media.server.prompts.cacheDir).filter((f) => f.startsWith('file-'));
    expect(cached).toHaveLength(1);
    // A conversion writes a new file and renames it into place (a new inode); a cache hit only
    // touches the file's time (the cache's recency, disk-cache-limit.ts).
    const inode = statSync(path.join(media.server.prompts.cacheDir, cached[0])).ino;
    expect(await media.server.prompts.convertFile(src)).toBe(path.join(media.server.prompts.cacheDir, cached[0]));
    expect(statSync(path.join(media.server.prompts.cacheDir, cached[0])).ino).toBe(inode);
    await ep.close();
  });

  it('reports a missing file with media.prompt_not_found', async () => {
    const ep = await answered();
    const err = await ep.play({ kind: 'file', path: path.join(media.dir, 'nope.wav') }).catch((e) => e);
    expect(isMediaError(err, 'media.prompt_not_found')).toBe(true);
    await ep.close();
  });

  it('speaks French and English with espeak-ng, cached by text, voice and rate', async () => {
    const ep = await answered();
    const fr = await ep.play({ kind: 'tts', text: 'Bonjour', voice: 'fr' });
    expect(fr.reason).toBe('finished');
    expect(fr.playedMs).toBeGreaterThan(300);
    const reference = fromFirstSound('PCMU', (await media.server.prompts.load({ kind: 'tts', text: 'Bonjour', voice: 'fr' })).pcm);
    await waitFor(() => media.peer.receivedAudio('PCMU', { fromFirstSound: true }).length >= reference.length, 5000);
    expect(bestCorrelation(reference, media.peer.receivedAudio('PCMU', { fromFirstSound: true }), 0).r).toBeGreaterThan(0.95);

    const file = await media.server.prompts.synthesize('Bonjour', 'fr');
    expect(path.basename(file)).toMatch(/^tts-[0-9a-f]{64}\.wav$/);
    expect(await media.server.prompts.synthesize('Bonjour', 'fr')).toBe(file);
    const en = await media.server.prompts.synthesize('Hello', 'en');
    expect(en).not.toBe(file);
    expect(await media.server.prompts.synthesize('Bonjour', 'fr', 120)).not.toBe(file);
    expect(readdirSync(media.server.prompts.cacheDir).filter((f) => f.startsWith('tts-'))).toHaveLength(3);
    await ep.close();
  });
});
