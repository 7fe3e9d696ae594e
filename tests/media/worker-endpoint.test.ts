// The worker media server (RTP on a worker thread, proxies on this one) keeps the MediaEndpoint
// contract: what the far end hears and sends is the same as with the in-process server.
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import wavefile from 'wavefile';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMediaServer, isMediaError, type DtmfEvent, type MediaEndpoint, type ProcessMediaServer } from '@/flow-runtime/media';
import { WorkerMediaServer } from '@/flow-runtime/media/worker/worker-media-server';
import { parseTelephoneEvent } from '@/flow-runtime/media/rfc4733';
import { parseRtpPacket } from '@/flow-runtime/media/rtp-packet';
import { readPcapUdp } from './support/pcap';
import { bestCorrelation, fromFirstSound, RtpPeer, sleep, waitFor } from './support/rtp-peer';

const PCAPS = '/usr/share/sip-tester';
let dir: string;
let server: ProcessMediaServer;
let peer: RtpPeer;
let agent: RtpPeer;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'relais-media-worker-'));
  server = createMediaServer({ thread: 'worker', host: '127.0.0.1', portMin: 51000, portMax: 51998, cacheDir: path.join(dir, 'cache'), recordingsDir: path.join(dir, 'recordings') });
  peer = await RtpPeer.create();
  agent = await RtpPeer.create();
});
afterAll(async () => {
  await peer?.close();
  await agent?.close();
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

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

async function answered(payloads = '0 101', to = peer, dtmf = 101): Promise<MediaEndpoint> {
  to.clear();
  return server.createEndpoint({ remoteSdp: to.offer({ payloads, dtmf }) });
}

function digits(ep: MediaEndpoint): DtmfEvent[] {
  const events: DtmfEvent[] = [];
  ep.on('dtmf', (e) => events.push(e));
  return events;
}

describe('worker media server', () => {
  it('runs on a worker thread and answers offers like the in-process server', async () => {
    expect(server).toBeInstanceOf(WorkerMediaServer);
    const ep = await answered('8 0 101');
    expect(ep.codec).toBe('PCMA');
    expect(ep.dtmfPayloadType).toBe(101);
    expect(ep.direction).toBe('sendrecv');
    expect(ep.remote).toEqual({ address: '127.0.0.1', port: peer.port });
    expect(ep.localSdp).toContain(`m=audio ${ep.local.port} RTP/AVP 8 101`);
    expect(ep.local.port).toBeGreaterThanOrEqual(51000);
    const held = await ep.modify(peer.offer({ payloads: '8 101', direction: 'sendonly' }));
    expect(held).toContain('a=recvonly');
    expect(ep.direction).toBe('recvonly');
    await ep.close();
    expect(ep.closed).toBe(true);
  });

  it('keeps MediaError codes across the thread boundary', async () => {
    const err = await server.createEndpoint({ remoteSdp: peer.offer({ payloads: '18', codecs: ['a=rtpmap:18 G729/8000'], dtmf: null }) }).catch((e: unknown) => e);
    expect(isMediaError(err, 'media.no_common_codec')).toBe(true);
    const ep = await answered();
    await expect(ep.setRemoteAnswer(peer.offer())).rejects.toMatchObject({ code: 'media.state' });
    await expect(ep.sendDtmf('x')).rejects.toMatchObject({ code: 'media.invalid_argument' });
    await expect(ep.play({ kind: 'file', path: path.join(dir, 'missing.wav') })).rejects.toMatchObject({ code: 'media.prompt_not_found' });
    await ep.close();
    await expect(ep.play({ kind: 'tone', tone: 'beep' })).rejects.toMatchObject({ code: 'media.closed' });
  });

  it('plays a prompt the caller hears: paced RTP that decodes back to the prompt', async () => {
    const ep = await answered();
    const samples = glide(800);
    const finished = new Promise((resolve) => ep.once('playback-finished', resolve));
    const playing = ep.play({ kind: 'samples', samples });
    await waitFor(() => ep.playing, 5000, 'playing');
    expect(await playing).toEqual({ reason: 'finished', playedMs: 800 });
    expect(await finished).toEqual({ reason: 'finished', playedMs: 800 });
    expect(ep.playing).toBe(false);
    expect(samples.length).toBe(6400); // the caller's array is still usable (copied, not detached)
    await waitFor(() => peer.audible().length >= 40, 5000, '40 packets');
    expect(peer.audible()).toHaveLength(40);
    const { r, lag } = bestCorrelation(fromFirstSound('PCMU', samples), peer.receivedAudio('PCMU', { fromFirstSound: true }), 10);
    expect(lag).toBe(0);
    expect(r).toBeGreaterThan(0.98);
    expect(peer.audible().at(-1)!.at - peer.audible()[0].at).toBeGreaterThan(39 * 20 * 0.8);
    await server.refreshStats!();
    const stats = ep.stats(); // the prompt's 40 packets and the silence around them
    expect(stats.packetsSent).toBeGreaterThanOrEqual(40);
    expect(stats.pacing.samples).toBe(stats.packetsSent);
    expect(server.pacingStats().packetsSent).toBeGreaterThanOrEqual(40);
    await ep.close();
    expect(ep.stats().packetsSent).toBeGreaterThanOrEqual(stats.packetsSent); // the final counters stay readable after close
  });

  it('reports RFC 4733 digits from the SIPp captures, once per key press', async () => {
    const ep = await answered();
    const events = digits(ep);
    const begins: string[] = [];
    ep.on('dtmf-begin', (e) => begins.push(e.digit));
    for (const [file, digit] of [['dtmf_2833_5.pcap', '5'], ['dtmf_2833_pound.pcap', '#']]) {
      for (const p of readPcapUdp(`${PCAPS}/${file}`)) {
        peer.send(ep, p.payload);
        await sleep(5);
      }
      await waitFor(() => events.some((e) => e.digit === digit), 5000, `digit ${digit}`);
    }
    await sleep(50);
    expect(events.map((e) => [e.digit, e.durationMs, e.source])).toEqual([['5', 280, 'rfc4733'], ['#', 280, 'rfc4733']]);
    expect(begins).toEqual(['5', '#']);
    // `at` is this thread's performance.now() (converted from the worker's clock).
    expect(Math.abs(events[1].at - performance.now())).toBeLessThan(5000);
    await ep.close();
  });

  it('takes SIP INFO digits on this thread and barges into a prompt', async () => {
    const ep = await answered();
    const events = digits(ep);
    const playing = ep.play({ kind: 'tone', tone: 'hold' }, { loop: true, bargeIn: true });
    await waitFor(() => peer.audible().length > 5, 5000, 'hold music');
    const returned = ep.handleSipInfo('application/dtmf-relay', 'Signal=7\r\nDuration=160\r\n');
    expect(returned).toMatchObject({ digit: '7', durationMs: 160, source: 'info' });
    expect(ep.handleSipInfo('text/plain', 'hello')).toBeNull();
    expect((await playing).reason).toBe('barge-in');
    await waitFor(() => events.length > 0, 5000, 'INFO digit');
    expect(events).toEqual([{ digit: '7', durationMs: 160, source: 'info', at: expect.any(Number) }]);
    await ep.close();
  });

  it('records what the caller sends: WAV duration matches the SIPp A-law capture', async () => {
    const packets = readPcapUdp(`${PCAPS}/g711a.pcap`).map((p) => p.payload);
    const sentMs = (packets.reduce((n, raw) => n + parseRtpPacket(raw)!.payload.length, 0) / 8000) * 1000;
    const ep = await answered('8 101');
    const file = path.join(dir, 'vm.wav');
    const recording = ep.record({ path: file, maxDurationMs: 60_000 });
    await waitFor(() => ep.recording, 5000, 'recording');
    for (let i = 0; i < packets.length; i++) {
      peer.send(ep, packets[i]);
      if (i % 10 === 9) await sleep(5);
    }
    await waitFor(() => ep.stats().packetsReceived === packets.length, 5000, 'all packets received');
    ep.stopRecording();
    expect(ep.recording).toBe(false);
    const result = await recording;
    expect(result).toMatchObject({ reason: 'stopped', path: file, bytes: statSync(file).size });
    expect(Math.abs(result.durationMs - sentMs)).toBeLessThanOrEqual(40);
    const wav = new wavefile.WaveFile(readFileSync(file));
    expect(Math.abs(((wav.getSamples(false, Int16Array) as unknown as Int16Array).length / 8000) * 1000 - sentMs)).toBeLessThanOrEqual(40);
    await ep.close();
  });

  it('bridges two legs inside the worker: audio both ways, digits forwarded', async () => {
    const a = await answered('0 101', peer);
    const b = await answered('8 96', agent, 96);
    await a.bridge(b);
    expect(a.bridgedTo).toBe(b);
    expect(b.bridgedTo).toBe(a);
    await expect(a.play({ kind: 'tone', tone: 'beep' })).rejects.toMatchObject({ code: 'media.busy' });
    const tone = (f: number) => new Int16Array(4800).map((_, i) => Math.round(7000 * Math.sin((2 * Math.PI * f * i) / 8000)));
    const toAgent = tone(500);
    const toCaller = tone(900);
    await Promise.all([peer.sendAudio(a, 'PCMU', toAgent), agent.sendAudio(b, 'PCMA', toCaller)]);
    await waitFor(() => agent.audible().length >= 30 && peer.audible().length >= 30, 5000, 'relayed audio');
    expect(bestCorrelation(toAgent, agent.audibleAudio('PCMA'), 0).r).toBeGreaterThan(0.97);
    expect(bestCorrelation(toCaller, peer.audibleAudio('PCMU'), 0).r).toBeGreaterThan(0.97);
    agent.clear();
    expect(a.handleSipInfo('application/dtmf', '3')).not.toBeNull();
    await waitFor(() => agent.received.some((p) => p.payloadType === 96), 5000, 'forwarded digit');
    expect(parseTelephoneEvent(agent.received.find((p) => p.payloadType === 96)!.payload)?.event).toBe(3);
    await a.unbridge();
    expect(a.bridgedTo).toBeNull();
    expect(b.bridgedTo).toBeNull();
    await expect(a.bridge({} as MediaEndpoint)).rejects.toMatchObject({ code: 'media.invalid_argument' });
    await Promise.all([a.close(), b.close()]);
  });

  it('an aborted play, record or sendDtmf rejects with media.aborted', async () => {
    const ep = await answered();
    const ac = new AbortController();
    const playing = ep.play({ kind: 'tone', tone: 'hold' }, { loop: true, signal: ac.signal });
    await waitFor(() => ep.playing, 5000, 'playing');
    ac.abort();
    await expect(playing).rejects.toMatchObject({ code: 'media.aborted' });
    expect(ep.playing).toBe(false);

    const rc = new AbortController();
    const file = path.join(dir, 'aborted.wav');
    const recording = ep.record({ path: file, maxDurationMs: 10_000, signal: rc.signal });
    await waitFor(() => ep.recording, 5000, 'recording');
    rc.abort();
    await expect(recording).rejects.toMatchObject({ code: 'media.aborted' });

    const dc = new AbortController();
    const sending = ep.sendDtmf('123456789', { signal: dc.signal });
    await waitFor(() => peer.received.some((p) => p.payloadType === 101), 5000, 'first digit');
    dc.abort();
    await expect(sending).rejects.toMatchObject({ code: 'media.aborted' });
    await expect(ep.play({ kind: 'tone', tone: 'beep' }, { signal: AbortSignal.abort() })).rejects.toMatchObject({ code: 'media.aborted' });
    await expect(server.createEndpoint({ remoteSdp: peer.offer(), signal: AbortSignal.abort() })).rejects.toMatchObject({ code: 'media.aborted' });
    await ep.close();
  });

  it('close() resolves a pending play with closed and emits closed', async () => {
    const ep = await answered();
    const closed = new Promise<void>((resolve) => ep.once('closed', resolve));
    const playing = ep.play({ kind: 'tone', tone: 'hold' }, { loop: true });
    await waitFor(() => peer.audible().length > 3, 5000, 'hold music');
    await ep.close();
    expect((await playing).reason).toBe('closed');
    await closed;
    expect(ep.closed).toBe(true);
    await ep.close(); // idempotent
  });
});
