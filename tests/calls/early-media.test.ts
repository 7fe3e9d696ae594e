// Early media: a flow whose first step rings (redirect to an agent, queue group) does not answer
// the caller. The caller gets 183 Session Progress with our SDP and hears the French ringback
// (440 Hz) as RTP while the agent's phone rings; the 200 OK comes when the agent answers, then
// the media is bridged. A caller who gives up sends CANCEL: 487, Call `cancelled`, leg `cancelled`.
// The caller's SDP points at an in-test RTP receiver (SIPp does the signalling only).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freeUdpPort, runSipp, sippOk, waitForUdpListener } from '../sip-edge/helpers';
import { ack, inDialogRequest, reply, scenario, uasCancelled, uasReply } from '../sip-edge/scenarios';
import { RtpPeer } from '../media/support/rtp-peer';
import { decodeG711 } from '@/flow-runtime/media/g711';
import {
  AGENT_SDP, callerCancels, callerInvite, createAgent, eventually, flowDocument, publishFlow, recvSessionProgress, registerAgent, startRuntime, type Runtime,
} from './support';

const REDIRECT = '+33199000040';
const GROUP = '+33199000041';
let rt: Runtime;
let peer: RtpPeer;

beforeAll(async () => {
  rt = await startRuntime();
  peer = await RtpPeer.create();
  const [fanny, gaston] = await Promise.all(['fanny', 'gaston'].map((n) => createAgent(rt, n)));
  const group = await rt.prisma.queueGroup.create({ data: { organizationId: rt.organizationId, name: 'Early', members: { create: [{ agentId: gaston.id, position: 0 }] } } });
  await publishFlow(rt, REDIRECT, flowDocument('agent', [
    { id: 'agent', type: 'redirect', config: { target: { kind: 'agent', agentId: fanny.id }, ringTimeoutSeconds: 30 } },
    { id: 'bye', type: 'hangup', config: {} },
  ], [['agent', 'no_answer', 'bye'], ['agent', 'busy', 'bye'], ['agent', 'failed', 'bye']]));
  await publishFlow(rt, GROUP, flowDocument('agents', [
    { id: 'agents', type: 'queue-group', config: { groupId: group.id, strategy: 'simultaneous', ringTimeSeconds: 30 } },
    { id: 'bye', type: 'hangup', config: {} },
  ], [['agents', 'no_answer', 'bye']]));
});

afterAll(async () => {
  await peer?.close();
  await rt?.stop();
});

const sdpAt = (port: number) => [
  'v=0', 'o=caller 1 1 IN IP4 127.0.0.1', 's=-', 'c=IN IP4 127.0.0.1', 't=0 0',
  `m=audio ${port} RTP/AVP 0 101`, 'a=rtpmap:0 PCMU/8000', 'a=rtpmap:101 telephone-event/8000', 'a=sendrecv', '',
].join('\n');

async function agentPhone(username: string, xml: string) {
  const port = await freeUdpPort();
  await registerAgent(rt, username, port);
  const run = runSipp(xml, null, ['-m', '1', '-rtp_echo'], { port, timeoutS: 60 });
  await waitForUdpListener(port);
  return run;
}

/** Share of the signal's energy at `freq` (Goertzel over 20 ms frames), over the frames that are not silent. */
function toneShare(pcm: Int16Array, freq: number): { share: number; loudMs: number } {
  const n = 160;
  const coeff = 2 * Math.cos((2 * Math.PI * freq) / 8000);
  let toneEnergy = 0;
  let totalEnergy = 0;
  let loud = 0;
  for (let o = 0; o + n <= pcm.length; o += n) {
    let s1 = 0;
    let s2 = 0;
    let energy = 0;
    for (let i = 0; i < n; i++) {
      const x = pcm[o + i];
      energy += x * x;
      const s = x + coeff * s1 - s2;
      s2 = s1;
      s1 = s;
    }
    if (energy / n < 300 * 300) continue; // silence (the ringback's 3.5 s pause)
    loud++;
    toneEnergy += ((s1 * s1 + s2 * s2 - coeff * s1 * s2) * 2) / n;
    totalEnergy += energy;
  }
  return { share: totalEnergy ? toneEnergy / totalEnergy : 0, loudMs: loud * 20 };
}

const liveCall = () => [...rt.calls.active.values()][0];

async function finishedCall(number: string) {
  await rt.recorder.flush(10_000);
  return eventually(() => rt.prisma.call.findFirst({ where: { entryNumber: number, endedAt: { not: null } }, include: { legs: { orderBy: { startedAt: 'asc' } } } }), 'call row');
}

describe('early media while agents ring', () => {
  it('redirect: 183 with SDP, the ringback heard as early media while the agent rings; the agent answers → 200, then bridged', async () => {
    peer.clear();
    // The agent's phone rings 5 s before answering (the early-media window the test looks at).
    const agent = await agentPhone('fanny', scenario(
      '<recv request="INVITE" crlf="true"/>',
      uasReply('180 Ringing'),
      '<pause milliseconds="5000"/>',
      uasReply('200 OK', 'Content-Type: application/sdp\n', AGENT_SDP),
      '<recv request="ACK"/>',
      '<recv request="BYE"/>',
      reply('200 OK'),
    ));
    const caller = runSipp(scenario(
      callerInvite(REDIRECT, sdpAt(peer.port)),
      '<recv response="100" optional="true"/>',
      '<recv response="180" optional="true"/>',
      recvSessionProgress,
      '<recv response="180" optional="true"/>',
      '<recv response="200" rrs="true"/>',
      ack,
      '<pause milliseconds="2000"/>',
      inDialogRequest('BYE', 2),
      '<recv response="200" crlf="true"/>',
    ), `127.0.0.1:${rt.edge.sipPort}`, ['-m', '1'], { timeoutS: 60 });

    // While the agent rings: early media sent, not answered, and 1 s of audio received.
    const early = await eventually(() => {
      const call = liveCall();
      return call?.earlyMediaSent && peer.received.length >= 50 ? { call, answeredThen: call.answered !== null, packets: peer.received.slice() } : null;
    }, 'early media RTP');
    expect(early.answeredThen).toBe(false);
    expect(early.call.legs.size).toBe(1);

    // Bridged only once the 200 OK went out.
    const bridged = await eventually(() => (early.call.endpoint.bridgedTo ? { dialog: early.call.dialog !== null } : null), 'bridge');
    expect(bridged.dialog).toBe(true);

    const [c, a] = await Promise.all([caller.done, agent.done]);
    expect(sippOk(c)).toBe('ok');
    expect(sippOk(a)).toBe('ok');

    // The early RTP decodes to the French ringback: 440 Hz, not silence.
    const audio = new Int16Array(early.packets.filter((p) => p.payloadType === 0).flatMap((p) => [...decodeG711('PCMU', p.payload)]));
    const { share, loudMs } = toneShare(audio, 440);
    console.log(`early media: the first ${early.packets.length} RTP packets (before the 200 OK): 440 Hz holds ${(share * 100).toFixed(1)} % of the energy over ${loudMs} ms of tone`);
    expect(loudMs).toBeGreaterThanOrEqual(500);
    expect(share).toBeGreaterThan(0.9);
    expect(toneShare(audio, 1000).share).toBeLessThan(0.05);

    const call = await finishedCall(REDIRECT);
    expect(call.outcome).toBe('answered');
    expect(call.answeredAt).not.toBeNull();
    expect(call.legs.map((l) => l.outcome)).toEqual(['answered']);
  }, 90_000);

  it('queue group: the caller CANCELs during early media → 487, the agent’s INVITE is cancelled, Call and leg `cancelled`', async () => {
    peer.clear();
    const agent = await agentPhone('gaston', uasCancelled);
    const caller = runSipp(scenario(
      callerInvite(GROUP, sdpAt(peer.port)),
      '<recv response="100" optional="true"/>',
      '<recv response="180" optional="true"/>',
      recvSessionProgress,
      '<pause milliseconds="2500"/>',
      ...callerCancels(GROUP),
    ), `127.0.0.1:${rt.edge.sipPort}`, ['-m', '1'], { timeoutS: 60 });
    const [c, a] = await Promise.all([caller.done, agent.done]);
    expect(sippOk(c)).toBe('ok');
    expect(sippOk(a)).toBe('ok');
    expect(peer.received.length).toBeGreaterThan(0); // the ringback was playing
    const call = await finishedCall(GROUP);
    expect(call.outcome).toBe('cancelled');
    expect(call.answeredAt).toBeNull();
    expect(call.legs.map((l) => l.outcome)).toEqual(['cancelled']);
  }, 90_000);
});
