// Bridging caller and agent: audio both ways (pass-through or transcoded), DTMF forwarded or
// consumed, unbridge and close.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { isMediaError, type MediaEndpoint } from '@/flow-runtime/media';
import { encodeG711 } from '@/flow-runtime/media/g711';
import { parseTelephoneEvent } from '@/flow-runtime/media/rfc4733';
import { readPcapUdp } from './support/pcap';
import { bestCorrelation, RtpPeer, sleep, waitFor } from './support/rtp-peer';
import { startTestServer, type TestServer } from './support/server';

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

function tone(ms: number, freq: number): Int16Array {
  return new Int16Array((ms * 8000) / 1000).map((_, i) => Math.round(7000 * Math.sin((2 * Math.PI * freq * i) / 8000) * (0.5 + 0.5 * Math.sin((2 * Math.PI * 3 * i) / 8000))));
}

// Legs left open by a failed test would keep sending silence to the shared peers.
const opened: MediaEndpoint[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((ep) => ep.close()));
});

async function legs(callerPayloads: string, agentPayloads: string, agentDtmf = 101): Promise<[MediaEndpoint, MediaEndpoint]> {
  caller.clear();
  agent.clear();
  const a = await t.server.createEndpoint({ remoteSdp: caller.offer({ payloads: callerPayloads }), label: 'caller' });
  const b = await t.server.createEndpoint({ remoteSdp: agent.offer({ payloads: agentPayloads, dtmf: agentDtmf }), label: 'agent' });
  opened.push(a, b);
  return [a, b];
}

describe('bridge', () => {
  it('relays audio both ways, PCMU caller to PCMA agent, transcoding through PCM', async () => {
    const [a, b] = await legs('0 101', '8 96', 96);
    await a.bridge(b);
    expect(a.bridgedTo).toBe(b);
    expect(b.bridgedTo).toBe(a);
    const toAgent = tone(600, 500);
    const toCaller = tone(600, 900);
    await Promise.all([caller.sendAudio(a, 'PCMU', toAgent), agent.sendAudio(b, 'PCMA', toCaller)]);
    await waitFor(() => agent.audible().length >= 30 && caller.audible().length >= 30, 5000, 'relayed audio');
    expect(agent.received.every((p) => p.payloadType === 8)).toBe(true);
    expect(caller.received.every((p) => p.payloadType === 0)).toBe(true);
    expect(bestCorrelation(toAgent, agent.audibleAudio('PCMA'), 0).r).toBeGreaterThan(0.97);
    expect(bestCorrelation(toCaller, caller.audibleAudio('PCMU'), 0).r).toBeGreaterThan(0.97);
    expect(agent.received[0].marker).toBe(true);
    await Promise.all([a.close(), b.close()]);
  });

  it('passes payloads through unchanged when both legs use the same codec', async () => {
    const [a, b] = await legs('8 101', '8 101');
    await a.bridge(b);
    const audio = tone(200, 700);
    await caller.sendAudio(a, 'PCMA', audio);
    await waitFor(() => agent.audible().length >= 10, 5000);
    const expected = Buffer.from(encodeG711('PCMA', audio.subarray(0, 160)));
    expect(agent.audible()[0].payload.equals(expected)).toBe(true);
    const ssrcs = new Set(agent.received.map((p) => p.ssrc));
    expect(ssrcs.size).toBe(1);
    await Promise.all([a.close(), b.close()]);
  });

  it('forwards RFC 4733 digits to the other leg (remapping the payload type) and still reports them', async () => {
    const [a, b] = await legs('0 101', '0 96', 96);
    const digits: string[] = [];
    a.on('dtmf', (e) => digits.push(e.digit));
    await a.bridge(b);
    for (const p of readPcapUdp('/usr/share/sip-tester/dtmf_2833_5.pcap')) {
      caller.send(a, p.payload);
      await sleep(3);
    }
    await waitFor(() => digits.length > 0 && agent.received.length >= 10, 5000);
    const events = agent.received.filter((p) => p.payloadType === 96).map((p) => parseTelephoneEvent(p.payload)!);
    expect(events).toHaveLength(10);
    expect(events.every((e) => e.event === 5)).toBe(true);
    expect(events.filter((e) => e.end)).toHaveLength(3);
    expect(digits).toEqual(['5']);
    await Promise.all([a.close(), b.close()]);
  });

  it("consumes digits when asked: they are reported but not sent to the other leg", async () => {
    const [a, b] = await legs('0 101', '0 101');
    const digits: string[] = [];
    a.on('dtmf', (e) => digits.push(e.digit));
    await a.bridge(b, { dtmf: 'consume' });
    for (const p of readPcapUdp('/usr/share/sip-tester/dtmf_2833_star.pcap')) caller.send(a, p.payload);
    await waitFor(() => digits.length > 0, 5000);
    await sleep(100);
    expect(digits).toEqual(['*']);
    expect(agent.audible()).toHaveLength(0); // silence only
    expect(agent.received.some((p) => p.payloadType === 101)).toBe(false);
    await Promise.all([a.close(), b.close()]);
  });

  it('stops playback when bridging, refuses play while bridged, and stops relaying after unbridge', async () => {
    const [a, b] = await legs('0 101', '0 101');
    const ringing = a.play({ kind: 'tone', tone: 'ringback' }, { loop: true });
    await sleep(60);
    await a.bridge(b);
    expect((await ringing).reason).toBe('stopped');
    expect(isMediaError(await b.play({ kind: 'silence', ms: 20 }).catch((e) => e), 'media.busy')).toBe(true);
    await caller.sendAudio(a, 'PCMU', tone(100, 600));
    await waitFor(() => agent.audible().length >= 5, 5000);
    await b.unbridge();
    expect(a.bridgedTo).toBeNull();
    agent.clear();
    await caller.sendAudio(a, 'PCMU', tone(100, 600));
    await sleep(100);
    expect(agent.audible()).toHaveLength(0); // silence only
    // After unbridge, hold music can play again (caller back in queue).
    expect((await a.play({ kind: 'silence', ms: 40 })).reason).toBe('finished');
    await Promise.all([a.close(), b.close()]);
  });

  it('closing one leg ends the bridge; bridging to itself or a closed leg is refused', async () => {
    const [a, b] = await legs('0 101', '0 101');
    expect(isMediaError(await a.bridge(a).catch((e) => e), 'media.invalid_argument')).toBe(true);
    await a.bridge(b);
    await b.close();
    expect(a.bridgedTo).toBeNull();
    expect(isMediaError(await a.bridge(b).catch((e) => e), 'media.closed')).toBe(true);
    await a.close();
  });
});
