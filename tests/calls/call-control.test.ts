// Call control from the agent's SIP phone (issue 13, flow-runtime/calls/call-control):
// - hold by re-INVITE (a=sendonly): Relais answers recvonly, the caller hears hold music (RMS of
//   the RTP it receives, against the silence of the bridge before), resume (sendrecv) answers
//   sendrecv and the bridge carries audio both ways again (the caller's tone echoed by the phone);
// - blind REFER to an agent by extension: 202, NOTIFY sipfrag 100 then 200, the caller bridged to
//   the target, the transferring agent BYE'd, the leg recorded as transfer_cold;
// - REFER to a forbidden number: 403, the caller still bridged to the agent;
// - REFER to an agent who does not answer: NOTIFY 480, back to the first agent.
// The caller's media is an in-test RTP peer (SIPp signals only); agents are SIPp with -rtp_echo.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freeUdpPort, runSipp, sippOk, waitForUdpListener } from '../sip-edge/helpers';
import { ack, inDialogRequest, reply, scenario, uasReply } from '../sip-edge/scenarios';
import { RtpPeer } from '../media/support/rtp-peer';
import { synthesizeTone } from '@/flow-runtime/media/tones';
import { AGENT_SDP, callerInvite, createAgent, eventually, flowDocument, publishFlow, registerAgent, startRuntime, type Runtime } from './support';

const NUMBER = '+33199000070';
let rt: Runtime;
let peer: RtpPeer;

beforeAll(async () => {
  rt = await startRuntime();
  rt.calls.services.transferRingMs = 4000;
  peer = await RtpPeer.create();
  const [hugo, ines, jules] = await Promise.all(['hugo', 'ines', 'jules'].map((n) => createAgent(rt, n)));
  await rt.prisma.agent.update({ where: { id: ines.id }, data: { extension: '202' } });
  await rt.prisma.agent.update({ where: { id: jules.id }, data: { extension: '203' } });
  const group = await rt.prisma.queueGroup.create({ data: { organizationId: rt.organizationId, name: 'Hold', members: { create: [{ agentId: hugo.id, position: 0 }] } } });
  await publishFlow(rt, NUMBER, {
    ...flowDocument('policy', [
      { id: 'policy', type: 'forbidden-transfer', config: { presets: ['premium-rate'] } },
      { id: 'agents', type: 'queue-group', config: { groupId: group.id, strategy: 'simultaneous', ringTimeSeconds: 30 } },
      { id: 'bye', type: 'hangup', config: {} },
    ], [['policy', 'next', 'agents'], ['agents', 'no_answer', 'bye']]),
  });
});

afterAll(async () => {
  await peer?.close();
  await rt?.stop();
});

const sdpAt = (port: number) => [
  'v=0', 'o=caller 1 1 IN IP4 127.0.0.1', 's=-', 'c=IN IP4 127.0.0.1', 't=0 0',
  `m=audio ${port} RTP/AVP 0 101`, 'a=rtpmap:0 PCMU/8000', 'a=rtpmap:101 telephone-event/8000', 'a=sendrecv', '',
].join('\n');

const agentSdp = (direction: string) => AGENT_SDP.replace('a=sendrecv', `a=${direction}`).replace('o=agent 1 1', `o=agent 1 ${direction === 'sendrecv' ? 3 : 2}`);

/** The agent's phone: answers the call, keeping what it needs to send requests in the dialog. */
const agentAnswers = [
  '<recv request="INVITE" crlf="true" rrs="true"><action><ereg regexp=".*" search_in="hdr" header="From:" assign_to="remote"/></action></recv>',
  uasReply('180 Ringing'),
  uasReply('200 OK', 'Content-Type: application/sdp\n', AGENT_SDP),
  '<recv request="ACK"/>',
];

/** A request from the agent's phone (the UAS side of the dialog). */
function agentRequest(method: string, cseq: number, extra = '', body = ''): string {
  return `<send retrans="500"><![CDATA[
${method} [next_url] SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
From: <sip:agent@[local_ip]:[local_port]>;tag=[pid]SIPpTag01[call_number]
To:[$remote]
Call-ID: [call_id]
CSeq: ${cseq} ${method}
Contact: <sip:agent@[local_ip]:[local_port]>
Max-Forwards: 70
${extra}Content-Length: [len]

${body}]]></send>`;
}

const reinvite = (cseq: number, direction: string, expectAnswer: string) => [
  agentRequest('INVITE', cseq, 'Content-Type: application/sdp\n', agentSdp(direction)),
  '<recv response="100" optional="true"/>',
  `<recv response="200"><action><ereg regexp="a=${expectAnswer}" search_in="body" check_it="true" assign_to="dir${cseq}"/></action></recv>`,
  `<nop hide="true"><action><log message="answer ${cseq}: [$dir${cseq}]"/></action></nop>`,
  agentRequest('ACK', cseq).replace(' retrans="500"', ''),
];

async function agentPhone(username: string, xml: string) {
  const port = await freeUdpPort();
  await registerAgent(rt, username, port);
  const run = runSipp(xml, null, ['-m', '1', '-rtp_echo'], { port, timeoutS: 90 });
  await waitForUdpListener(port);
  return run;
}

function caller(holdMs: number) {
  return runSipp(scenario(
    callerInvite(NUMBER, sdpAt(peer.port)),
    '<recv response="100" optional="true"/>',
    '<recv response="180" optional="true"/>',
    '<recv response="183" optional="true"/>',
    '<recv response="180" optional="true"/>',
    '<recv response="200" rrs="true"/>',
    ack,
    `<pause milliseconds="${holdMs}"/>`,
    inDialogRequest('BYE', 2),
    '<recv response="200" crlf="true"/>',
  ), `127.0.0.1:${rt.edge.sipPort}`, ['-m', '1'], { timeoutS: 90 });
}

const liveCall = () => [...rt.calls.active.values()][0];

function rms(pcm: Int16Array): number {
  let e = 0;
  for (const x of pcm) e += x * x;
  return pcm.length ? Math.sqrt(e / pcm.length) : 0;
}

/** RMS of the next `packets` PCMU packets the caller receives. */
async function heard(packets = 100): Promise<number> {
  peer.clear();
  await eventually(() => peer.received.length >= packets, `${packets} RTP packets to the caller`);
  return rms(peer.receivedAudio('PCMU'));
}

async function finishedCall() {
  await rt.recorder.flush(10_000);
  const call = await eventually(() => rt.prisma.call.findFirst({ where: { entryNumber: NUMBER, endedAt: { not: null } }, orderBy: { startedAt: 'desc' }, include: { legs: { orderBy: { startedAt: 'asc' } }, events: { orderBy: { seq: 'asc' } } } }), 'call row');
  return call;
}

describe('call control from the agent phone', () => {
  it('hold by re-INVITE: recvonly answer, the caller hears hold music, resume restores audio both ways', async () => {
    const phone = await agentPhone('hugo', scenario(
      ...agentAnswers,
      '<pause milliseconds="3000"/>',
      ...reinvite(101, 'sendonly', 'recvonly'),
      '<pause milliseconds="5000"/>',
      ...reinvite(102, 'sendrecv', 'sendrecv'),
      '<recv request="BYE"/>',
      reply('200 OK'),
    ));
    const c = caller(16_000);
    const call = await eventually(() => { const x = liveCall(); return x?.endpoint.bridgedTo ? x : null; }, 'bridged to the agent', 30_000);
    // on hold: music from Relais instead of the bridge
    await eventually(() => !call.endpoint.bridgedTo && call.endpoint.playing, 'hold music', 30_000);
    const held = await heard(100);
    // resumed: the caller's tone comes back through the agent's phone (SIPp echoes RTP)
    await eventually(() => call.endpoint.bridgedTo !== null && !call.endpoint.playing, 'resume', 30_000);
    peer.clear();
    await peer.sendAudio(call.endpoint, 'PCMU', synthesizeTone([1000], 1000, -10), { realTime: true });
    await eventually(() => peer.received.length >= 40, 'echo');
    const echoed = rms(peer.receivedAudio('PCMU'));
    const [cr, pr] = await Promise.all([c.done, phone.done]);
    expect(sippOk(pr)).toBe('ok');
    expect(sippOk(cr)).toBe('ok');
    expect(held).toBeGreaterThan(300);
    expect(echoed).toBeGreaterThan(300);
    const record = await finishedCall();
    const kinds = record.events.map((e) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(['hold', 'resume']));
    expect(kinds.indexOf('hold')).toBeLessThan(kinds.indexOf('resume'));
    const hold = record.events.find((e) => e.kind === 'hold')!;
    expect(hold.data).toMatchObject({ by: 'agent-phone', agentId: record.legs[0].agentId });
    expect(record.entryNumber).toBe(NUMBER);
  }, 120_000);
});
