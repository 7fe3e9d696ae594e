// DTMF: RFC 4733 from the SIPp captures, in-band tones, SIP INFO, and sending RFC 4733.
import { describe, expect, it } from 'vitest';
import type { DtmfEvent, MediaEndpoint } from '@/flow-runtime/media';
import { encodeG711 } from '@/flow-runtime/media/g711';
import { InbandDtmfDetector } from '@/flow-runtime/media/inband-dtmf';
import { buildTelephoneEvent, parseTelephoneEvent } from '@/flow-runtime/media/rfc4733';
import { readPcapUdp } from './support/pcap';
import { sleep, waitFor } from './support/rtp-peer';
import { useMediaFixture } from './support/media-fixture';

const PCAPS = '/usr/share/sip-tester';
const PCAP_DIGITS: [string, string][] = [...'0123456789'].map((d) => [`dtmf_2833_${d}.pcap`, d] as [string, string]).concat([
  ['dtmf_2833_star.pcap', '*'],
  ['dtmf_2833_pound.pcap', '#'],
]);

const media = useMediaFixture();

function collect(ep: MediaEndpoint): DtmfEvent[] {
  const events: DtmfEvent[] = [];
  ep.on('dtmf', (e) => events.push(e));
  return events;
}

/** Replays the RTP packets of a capture to the endpoint, 5 ms apart. */
async function replayPcap(ep: MediaEndpoint, file: string): Promise<number> {
  const packets = readPcapUdp(`${PCAPS}/${file}`);
  for (const p of packets) {
    media.peer.send(ep, p.payload);
    await sleep(5);
  }
  return packets.length;
}

/** Test-side DTMF synthesis (independent of the endpoint's own tone generator). */
function dualTone(low: number, high: number, ms: number, levelDb = -10): Int16Array {
  const n = (ms * 8000) / 1000;
  const a = 32767 * 10 ** (levelDb / 20);
  return new Int16Array(n).map((_, i) => Math.round(a * (Math.sin((2 * Math.PI * low * i) / 8000) + Math.sin((2 * Math.PI * high * i) / 8000))));
}
const FREQS: Record<string, [number, number]> = {
  '1': [697, 1209], '2': [697, 1336], '3': [697, 1477], '4': [770, 1209], '5': [770, 1336], '6': [770, 1477],
  '7': [852, 1209], '8': [852, 1336], '9': [852, 1477], '*': [941, 1209], '0': [941, 1336], '#': [941, 1477],
};
function withNoise(pcm: Int16Array, levelDb = -45): Int16Array {
  const a = 32767 * 10 ** (levelDb / 20);
  return pcm.map((s) => Math.max(-32768, Math.min(32767, s + Math.round((Math.random() * 2 - 1) * a))));
}
function concat(parts: Int16Array[]): Int16Array {
  const out = new Int16Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

describe('RFC 4733 from the SIPp captures', () => {
  it.each(PCAP_DIGITS)('%s is one digit %s with its duration', async (file, digit) => {
    const ep = await media.server.createEndpoint({ remoteSdp: media.peer.offer() });
    const events = collect(ep);
    const begins: string[] = [];
    ep.on('dtmf-begin', (e) => begins.push(e.digit));
    const sent = await replayPcap(ep, file);
    expect(sent).toBe(10); // 7 updates + 3 redundant end packets
    await waitFor(() => events.length > 0, 5000, `digit ${digit}`);
    await sleep(50);
    expect(events).toEqual([{ digit, durationMs: 280, source: 'rfc4733', at: expect.any(Number) }]);
    expect(begins).toEqual([digit]);
    await ep.close();
  });

  it('all twelve captures in a row give the twelve digits in order; a retransmitted capture is not a new press', async () => {
    const ep = await media.server.createEndpoint({ remoteSdp: media.peer.offer() });
    const events = collect(ep);
    for (const [file] of PCAP_DIGITS) await replayPcap(ep, file);
    await replayPcap(ep, 'dtmf_2833_pound.pcap'); // same timestamp as the last event: a duplicate
    await waitFor(() => events.length >= 12, 5000);
    await sleep(400);
    expect(events.map((e) => e.digit).join('')).toBe('0123456789*#');
    await ep.close();
  });

  it('ends a digit whose end packets were all lost', async () => {
    const ep = await media.server.createEndpoint({ remoteSdp: media.peer.offer() });
    const events = collect(ep);
    const packets = readPcapUdp(`${PCAPS}/dtmf_2833_7.pcap`).slice(0, 7);
    for (const p of packets) media.peer.send(ep, p.payload);
    await waitFor(() => events.length > 0, 5000);
    expect(events[0]).toMatchObject({ digit: '7', source: 'rfc4733' });
    expect(events[0].durationMs).toBe(240);
    await ep.close();
  });

  it('barges in on a prompt at the first packet of a digit', async () => {
    const ep = await media.server.createEndpoint({ remoteSdp: media.peer.offer() });
    const events = collect(ep);
    const playing = ep.play({ kind: 'tone', tone: 'hold' }, { loop: true, bargeIn: true });
    await sleep(100);
    await replayPcap(ep, 'dtmf_2833_2.pcap');
    expect((await playing).reason).toBe('barge-in');
    await waitFor(() => events.length > 0);
    expect(events[0].digit).toBe('2');
    await ep.close();
  });
});

describe('sending RFC 4733', () => {
  it('sends marker, growing durations and three end packets on one timestamp', async () => {
    media.peer.clear();
    const ep = await media.server.createEndpoint({ remoteSdp: media.peer.offer({ payloads: '0 96', dtmf: 96 }) });
    await ep.sendDtmf('5', { durationMs: 100 });
    await waitFor(() => media.peer.received.filter((p) => p.payloadType === 96).length >= 7, 5000);
    const pkts = media.peer.received.filter((p) => p.payloadType === 96);
    const events = pkts.map((p) => parseTelephoneEvent(p.payload)!);
    expect(events.map((e) => [e.event, e.end, e.duration])).toEqual([
      [5, false, 160], [5, false, 320], [5, false, 480], [5, false, 640], [5, true, 800], [5, true, 800], [5, true, 800],
    ]);
    expect(pkts.map((p) => p.marker)).toEqual([true, false, false, false, false, false, false]);
    expect(new Set(pkts.map((p) => p.timestamp)).size).toBe(1);
    await ep.close();
  });

  it('two endpoints negotiated with each other exchange digits', async () => {
    const caller = await media.server.createEndpoint();
    const callee = await media.server.createEndpoint({ remoteSdp: caller.localSdp });
    await caller.setRemoteAnswer(callee.localSdp);
    const events = collect(callee);
    await caller.sendDtmf('1*9#', { durationMs: 120 });
    await waitFor(() => events.length >= 4, 5000);
    expect(events.map((e) => e.digit).join('')).toBe('1*9#');
    expect(events.every((e) => e.source === 'rfc4733' && e.durationMs === 120)).toBe(true);
    const bad = await caller.sendDtmf('1x').catch((e) => e);
    expect(bad.code).toBe('media.invalid_argument');
    await Promise.all([caller.close(), callee.close()]);
  });

  it('falls back to in-band tones when telephone-event was not negotiated', async () => {
    media.peer.clear();
    const ep = await media.server.createEndpoint({ remoteSdp: media.peer.offer({ payloads: '0', dtmf: null }) });
    await ep.sendDtmf('84', { durationMs: 100 });
    await sleep(100);
    const found: string[] = [];
    const detector = new InbandDtmfDetector({ begin: () => {}, end: (d) => found.push(d) });
    detector.push(media.peer.receivedAudio('PCMU'));
    detector.push(new Int16Array(800));
    expect(found.join('')).toBe('84');
    await ep.close();
  });
});

describe('in-band DTMF (Goertzel)', () => {
  it('detects 0-9, * and # sent as G.711 tones with background noise', async () => {
    const ep = await media.server.createEndpoint({ remoteSdp: media.peer.offer({ payloads: '8', dtmf: null }) });
    const events = collect(ep);
    const digits = '0123456789*#';
    const audio = withNoise(concat([...digits].flatMap((d) => [dualTone(FREQS[d][0], FREQS[d][1], 100), new Int16Array(800)])));
    await media.peer.sendAudio(ep, 'PCMA', audio);
    await waitFor(() => events.length >= 12, 5000, '12 in-band digits');
    expect(events.map((e) => e.digit).join('')).toBe(digits);
    for (const e of events) {
      expect(e.source).toBe('inband');
      expect(e.durationMs).toBeGreaterThanOrEqual(50);
      expect(e.durationMs).toBeLessThanOrEqual(130);
    }
    await ep.close();
  });

  it('ignores speech, a single tone, and a tone too short to be a key press', async () => {
    const ep = await media.server.createEndpoint({ remoteSdp: media.peer.offer({ payloads: '0', dtmf: null }) });
    const events = collect(ep);
    const speech = (await media.server.prompts.load({ kind: 'tts', text: 'Bonjour, tapez un pour le service commercial, deux pour le support.', voice: 'fr' })).pcm;
    const single = dualTone(440, 440, 300, -16);
    const short = dualTone(770, 1336, 20);
    await media.peer.sendAudio(ep, 'PCMU', concat([speech, single, new Int16Array(800), short, new Int16Array(800)]));
    await sleep(300);
    expect(events).toEqual([]);
    await ep.close();
  });

  it('does not double a digit sent both as RFC 4733 and as tones in the audio', async () => {
    const ep = await media.server.createEndpoint({ remoteSdp: media.peer.offer({ payloads: '0 101' }) });
    const events = collect(ep);
    const tone = dualTone(852, 1477, 200); // '9'
    let ts = 5000;
    for (let o = 0, n = 0; o < tone.length; o += 160, n++) {
      media.peer.sendRtp(ep, 101, buildTelephoneEvent({ event: 9, end: n === 9, volume: 10, duration: (n + 1) * 160 }), 90_000, n === 0);
      media.peer.sendRtp(ep, 0, encodeG711('PCMU', tone.subarray(o, o + 160)), ts);
      ts += 160;
      await sleep(5);
    }
    await waitFor(() => events.length > 0);
    await sleep(300);
    expect(events.map((e) => `${e.digit}:${e.source}`)).toEqual(['9:rfc4733']);
    await ep.close();
  });
});

describe('when in-band detection runs (a held call pays for it only when it may need it)', () => {
  const tone9 = (): Int16Array => concat([dualTone(852, 1477, 120), new Int16Array(800)]);

  it('runs when the far end did not offer telephone-event: tones are digits', async () => {
    const ep = await media.server.createEndpoint({ remoteSdp: media.peer.offer({ payloads: '0', dtmf: null }) });
    expect(ep.dtmfPayloadType).toBeNull();
    const events = collect(ep);
    await media.peer.sendAudio(ep, 'PCMU', withNoise(tone9()));
    await waitFor(() => events.length >= 1, 5000, 'an in-band digit');
    expect(events.map((e) => `${e.digit}:${e.source}`)).toEqual(['9:inband']);
    await ep.close();
  });

  it('does not run when the far end offered telephone-event (its digits come by RFC 4733), unless asked with inbandDtmf: always', async () => {
    const ep = await media.server.createEndpoint({ remoteSdp: media.peer.offer({ payloads: '0 101' }) });
    const always = await media.server.createEndpoint({ remoteSdp: media.peer.offer({ payloads: '0 101' }), inbandDtmf: 'always' });
    const events = collect(ep);
    const alwaysEvents = collect(always);
    await Promise.all([media.peer.sendAudio(ep, 'PCMU', tone9()), media.peer.sendAudio(always, 'PCMU', tone9())]);
    await waitFor(() => alwaysEvents.length >= 1, 5000, 'the in-band digit with inbandDtmf: always');
    expect(alwaysEvents.map((e) => `${e.digit}:${e.source}`)).toEqual(['9:inband']);
    await sleep(200);
    expect(events).toEqual([]);
    // The same endpoint still gets its digits by RFC 4733.
    for (let n = 0; n < 6; n++) {
      media.peer.sendRtp(ep, 101, buildTelephoneEvent({ event: 5, end: n >= 3, volume: 10, duration: (Math.min(n, 3) + 1) * 160 }), 40_000, n === 0);
      await sleep(5);
    }
    await waitFor(() => events.length >= 1, 5000, 'the RFC 4733 digit');
    expect(events.map((e) => `${e.digit}:${e.source}`)).toEqual(['5:rfc4733']);
    await Promise.all([ep.close(), always.close()]);
  });

  it('starts when a re-INVITE drops telephone-event', async () => {
    const ep = await media.server.createEndpoint({ remoteSdp: media.peer.offer({ payloads: '0 101' }) });
    const events = collect(ep);
    await ep.modify(media.peer.offer({ payloads: '0', dtmf: null }));
    expect(ep.dtmfPayloadType).toBeNull();
    await media.peer.sendAudio(ep, 'PCMU', tone9());
    await waitFor(() => events.length >= 1, 5000, 'an in-band digit after the re-INVITE');
    expect(events.map((e) => `${e.digit}:${e.source}`)).toEqual(['9:inband']);
    await ep.close();
  });
});

describe('SIP INFO', () => {
  it('reads application/dtmf-relay and application/dtmf bodies', async () => {
    const ep = await media.server.createEndpoint({ remoteSdp: media.peer.offer() });
    const events = collect(ep);
    expect(ep.handleSipInfo('application/dtmf-relay', 'Signal=5\r\nDuration=160\r\n')).toMatchObject({ digit: '5', durationMs: 160, source: 'info' });
    expect(ep.handleSipInfo('application/dtmf-relay', 'Signal= #\r\nDuration= 250\r\n')).toMatchObject({ digit: '#', durationMs: 250 });
    expect(ep.handleSipInfo('application/dtmf', '*')).toMatchObject({ digit: '*', durationMs: 100 });
    expect(ep.handleSipInfo('application/dtmf; charset=utf-8', '11')).toMatchObject({ digit: '#' });
    expect(ep.handleSipInfo('application/dtmf-relay', 'Signal=x')).toBeNull();
    expect(ep.handleSipInfo('text/plain', '5')).toBeNull();
    await waitFor(() => events.length >= 4);
    expect(events.map((e) => e.digit).join('')).toBe('5#*#');
    await ep.close();
  });
});
