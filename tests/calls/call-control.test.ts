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
import { freeUdpPort, runSipp, sippOk } from '../sip-edge/helpers';
import { ack, inDialogRequest, reply, scenario, uasCancelled, uasReply } from '../sip-edge/scenarios';
import { RtpPeer } from '../media/support/rtp-peer';
import { rms } from '../media/support/tones';
import { synthesizeTone } from '@/flow-runtime/media/tones';
import { AGENT_SDP, callerInvite, createAgent, eventually, publishFlow, startRuntime, type Runtime } from './support';
import { agentAnswers, agentPhone as phoneOf, agentReinvite, agentRequest, answersThenBye, callerHangsUpAfter, echoThrough, heardLevel, loopbackTrunk, referNotifies, sdpAt, transferPolicyFlow, trunkAnswers } from './phone-support';

const NUMBER = '+33199000070';
let rt: Runtime;
let peer: RtpPeer;
let trunkPort: number;

beforeAll(async () => {
  // A trunk for the external transfer test (a SIPp started there); nothing else reaches it.
  trunkPort = await freeUdpPort();
  rt = await startRuntime({
    trunk: loopbackTrunk(trunkPort),
  });
  rt.calls.services.transferRingMs = 4000;
  peer = await RtpPeer.create();
  const [hugo, ines, jules] = await Promise.all(['hugo', 'ines', 'jules'].map((n) => createAgent(rt, n)));
  await rt.prisma.agent.update({ where: { id: ines.id }, data: { extension: '202' } });
  await rt.prisma.agent.update({ where: { id: jules.id }, data: { extension: '203' } });
  const group = await rt.prisma.queueGroup.create({ data: { organizationId: rt.organizationId, name: 'Hold', members: { create: [{ agentId: hugo.id, position: 0 }] } } });
  await publishFlow(rt, NUMBER, transferPolicyFlow(group.id));
});

afterAll(async () => {
  await peer?.close();
  await rt?.stop();
});

/** Hold (sendonly, SDP version 2) or resume (sendrecv, version 3) from the agent's phone. */
const reinvite = (cseq: number, direction: string, expectAnswer: string) => agentReinvite(cseq, direction, direction === 'sendrecv' ? 3 : 2, expectAnswer);

const agentPhone = (username: string, xml: string) => phoneOf(rt, username, xml);

const caller = (holdMs: number) => callerHangsUpAfter(rt, NUMBER, sdpAt(peer.port), holdMs);

const liveCall = () => [...rt.calls.active.values()][0];

/** RMS of the next `packets` PCMU packets the caller receives. */
const heard = (packets = 100) => heardLevel(peer, packets);

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
    const echoed = await echoThrough(peer, call.endpoint);
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

  /** The agent's phone REFERs the call to `user`, expecting `referStatus`; then the NOTIFYs with these sipfrag lines. */
  const refer = (user: string, referStatus: number, notifies: string[]) => [
    agentRequest('REFER', 103, `Refer-To: <sip:${user}@127.0.0.1>\nReferred-By: <sip:agent@[local_ip]>\n`),
    `<recv response="${referStatus}"/>`,
    ...referNotifies(notifies),
  ];

  /** The caller's tone goes out and comes back (the agent's phone echoes RTP): audio both ways. */
  const echoed = (call: { endpoint: Parameters<RtpPeer['sendAudio']>[0] }) => echoThrough(peer, call.endpoint);

  it('blind REFER to an agent by extension: 202, NOTIFY 100 then 200, caller bridged to the target, first agent BYE', async () => {
    const first = await agentPhone('hugo', scenario(
      ...agentAnswers,
      '<pause milliseconds="2000"/>',
      ...refer('202', 202, ['SIP/2.0 100 Trying', 'SIP/2.0 200 OK']),
      '<recv request="BYE"/>',
      reply('200 OK'),
    ));
    const target = await agentPhone('ines', scenario(
      '<recv request="INVITE" crlf="true"/>',
      uasReply('180 Ringing'),
      '<pause milliseconds="500"/>',
      uasReply('200 OK', 'Content-Type: application/sdp\n', AGENT_SDP),
      '<recv request="ACK"/>',
      '<recv request="BYE"/>',
      reply('200 OK'),
    ));
    const c = caller(14_000);
    const call = await eventually(() => { const x = liveCall(); return x?.endpoint.bridgedTo ? x : null; }, 'bridged to the agent', 30_000);
    const firstEndpoint = call.endpoint.bridgedTo;
    const ines = await rt.prisma.agent.findFirstOrThrow({ where: { sipUsername: 'ines' } });
    await eventually(() => { const leg = [...call.legs.values()][0]; return leg?.agentId === ines.id && call.endpoint.bridgedTo === leg.endpoint && call.endpoint.bridgedTo !== firstEndpoint; }, 'bridged to the target', 30_000);
    const level = await echoed(call);
    const [cr, fr, tr] = await Promise.all([c.done, first.done, target.done]);
    expect(sippOk(fr)).toBe('ok');
    expect(sippOk(tr)).toBe('ok');
    expect(sippOk(cr)).toBe('ok');
    expect(level).toBeGreaterThan(300);
    expect(fr.messages).toMatch(/SIP\/2.0 202/);
    expect(fr.messages).toMatch(/Subscription-State: terminated[\s\S]*SIP\/2.0 200 OK/);
    const record = await finishedCall();
    expect(record.outcome).toBe('answered');
    expect(record.entryNumber).toBe(NUMBER);
    const transfer = record.legs.find((l) => l.kind === 'transfer_cold');
    expect(transfer).toMatchObject({ agentId: ines.id, outcome: 'answered' });
    expect(transfer?.answeredAt).not.toBeNull();
    // the transferring agent's leg ended at the transfer (the caller stayed ~8 s more with the target)
    const firstLeg = record.legs.find((l) => l.kind === 'agent')!;
    expect(firstLeg.outcome).toBe('answered');
    expect(record.endedAt!.getTime() - firstLeg.endedAt!.getTime()).toBeGreaterThan(3000);
    const results = record.events.filter((e) => e.kind === 'transfer').map((e) => (e.data as { result: string }).result);
    expect(results).toEqual(['started', 'answered']);
    expect(record.events.find((e) => e.kind === 'transfer')?.data).toMatchObject({ by: 'agent-phone', target: { kind: 'extension', extension: '202' } });
  }, 120_000);

  it('REFER to a forbidden (premium-rate) number: 403, the caller stays with the agent', async () => {
    const first = await agentPhone('hugo', scenario(
      ...agentAnswers,
      '<pause milliseconds="2000"/>',
      ...refer('0899123456', 403, []),
      '<recv request="BYE"/>',
      reply('200 OK'),
    ));
    const c = caller(10_000);
    const call = await eventually(() => { const x = liveCall(); return x?.endpoint.bridgedTo ? x : null; }, 'bridged to the agent', 30_000);
    const agentEndpoint = call.endpoint.bridgedTo;
    await rt.recorder.flush(10_000);
    await eventually(() => rt.prisma.callEvent.findFirst({ where: { callId: call.id, kind: 'transfer' } }), 'transfer refused event', 30_000);
    expect(call.endpoint.bridgedTo).toBe(agentEndpoint);
    const level = await echoed(call);
    const [cr, fr] = await Promise.all([c.done, first.done]);
    expect(sippOk(fr)).toBe('ok');
    expect(sippOk(cr)).toBe('ok');
    expect(level).toBeGreaterThan(300);
    expect(fr.messages).not.toMatch(/NOTIFY sip/);
    const record = await finishedCall();
    expect(record.legs.map((l) => l.kind)).toEqual(['agent']);
    expect(record.events.find((e) => e.kind === 'transfer')?.data).toMatchObject({ result: 'refused', status: 403 });
  }, 120_000);

  it('cold transfer to an agent who does not answer: NOTIFY 480, back to the first agent', async () => {
    const first = await agentPhone('hugo', scenario(
      ...agentAnswers,
      '<pause milliseconds="2000"/>',
      ...refer('203', 202, ['SIP/2.0 100 Trying', 'SIP/2.0 480']),
      '<recv request="BYE"/>',
      reply('200 OK'),
    ));
    const target = await agentPhone('jules', uasCancelled);
    const c = caller(16_000);
    const call = await eventually(() => { const x = liveCall(); return x?.endpoint.bridgedTo ? x : null; }, 'bridged to the agent', 30_000);
    const agentEndpoint = call.endpoint.bridgedTo;
    await rt.recorder.flush(10_000);
    await eventually(async () => {
      await rt.recorder.flush(5000);
      return rt.prisma.callEvent.findFirst({ where: { callId: call.id, kind: 'transfer', data: { path: ['result'], equals: 'returned' } } });
    }, 'transfer returned', 40_000);
    expect(call.endpoint.bridgedTo).toBe(agentEndpoint);
    const level = await echoed(call);
    const [cr, fr, tr] = await Promise.all([c.done, first.done, target.done]);
    expect(sippOk(fr)).toBe('ok');
    expect(sippOk(tr)).toBe('ok');
    expect(sippOk(cr)).toBe('ok');
    expect(level).toBeGreaterThan(300);
    const record = await finishedCall();
    const jules = await rt.prisma.agent.findFirstOrThrow({ where: { sipUsername: 'jules' } });
    expect(record.legs.find((l) => l.kind === 'transfer_cold')).toMatchObject({ agentId: jules.id, outcome: 'no_answer' });
    const results = record.events.filter((e) => e.kind === 'transfer').map((e) => (e.data as { result: string }).result);
    expect(results).toEqual(['started', 'no_answer', 'returned']);
  }, 120_000);

  it('hold from the caller (re-INVITE sendonly): recvonly answer, the agent hears hold music, resume restores the bridge', async () => {
    const agentMedia = await RtpPeer.create();
    try {
      const phone = await agentPhone('hugo', answersThenBye(sdpAt(agentMedia.port, 'agent')));
      const callerReinvite = (cseq: number, direction: string, expectAnswer: string) => [
        inDialogRequest('INVITE', cseq, 'Content-Type: application/sdp\n', sdpAt(peer.port).replace('a=sendrecv', `a=${direction}`).replace('o=caller 1 1', `o=caller 1 ${cseq}`)),
        '<recv response="100" optional="true"/>',
        `<recv response="200"><action><ereg regexp="a=${expectAnswer}" search_in="body" check_it="true" assign_to="c${cseq}"/></action></recv>`,
        `<nop hide="true"><action><log message="answer ${cseq}: [$c${cseq}]"/></action></nop>`,
        ack.replace('CSeq: 1 ACK', `CSeq: ${cseq} ACK`),
      ];
      const c = runSipp(scenario(
        callerInvite(NUMBER, sdpAt(peer.port)),
        '<recv response="100" optional="true"/>',
        '<recv response="180" optional="true"/>',
        '<recv response="183" optional="true"/>',
        '<recv response="180" optional="true"/>',
        `<recv response="200" rrs="true"><action><ereg regexp=".*" search_in="hdr" header="To:" assign_to="remote_to"/></action></recv>`,
        ack,
        '<pause milliseconds="2000"/>',
        ...callerReinvite(2, 'sendonly', 'recvonly').map((x) => x.replace('[last_To:]', 'To:[$remote_to]')),
        '<pause milliseconds="5000"/>',
        ...callerReinvite(3, 'sendrecv', 'sendrecv').map((x) => x.replace('[last_To:]', 'To:[$remote_to]')),
        '<pause milliseconds="5000"/>',
        inDialogRequest('BYE', 4).replace('[last_To:]', 'To:[$remote_to]'),
        '<recv response="200" crlf="true"/>',
      ), `127.0.0.1:${rt.edge.sipPort}`, ['-m', '1'], { timeoutS: 90 });
      const call = await eventually(() => { const x = liveCall(); return x?.endpoint.bridgedTo ? x : null; }, 'bridged to the agent', 30_000);
      const leg = [...call.legs.values()][0];
      await eventually(() => leg.endpoint?.playing && !call.endpoint.bridgedTo, 'hold music to the agent', 30_000);
      agentMedia.clear();
      await eventually(() => agentMedia.received.length >= 100, 'RTP to the agent');
      const held = rms(agentMedia.receivedAudio('PCMU'));
      await eventually(() => call.endpoint.bridgedTo === leg.endpoint && !leg.endpoint?.playing, 'resume', 30_000);
      agentMedia.clear();
      await peer.sendAudio(call.endpoint, 'PCMU', synthesizeTone([1000], 1000, -10), { realTime: true });
      const through = rms(agentMedia.receivedAudio('PCMU'));
      const [cr, pr] = await Promise.all([c.done, phone.done]);
      expect(sippOk(cr)).toBe('ok');
      expect(sippOk(pr)).toBe('ok');
      expect(held).toBeGreaterThan(300);
      expect(through).toBeGreaterThan(300);
      const record = await finishedCall();
      const holds = record.events.filter((e) => e.kind === 'hold' || e.kind === 'resume');
      expect(holds.map((e) => [e.kind, (e.data as { by: string }).by])).toEqual([['hold', 'caller-phone'], ['resume', 'caller-phone']]);
    } finally {
      await agentMedia.close();
    }
  }, 120_000);

  it('blind REFER to an allowed external number: dialled through the trunk as judged, caller bridged to it', async () => {
    const first = await agentPhone('hugo', scenario(
      ...agentAnswers,
      '<pause milliseconds="2000"/>',
      ...refer('0123456789', 202, ['SIP/2.0 100 Trying', 'SIP/2.0 200 OK']),
      '<recv request="BYE"/>',
      reply('200 OK'),
    ));
    const trunk = await trunkAnswers(trunkPort, '+33123456789');
    const c = caller(14_000);
    const call = await eventually(() => { const x = liveCall(); return x?.endpoint.bridgedTo ? x : null; }, 'bridged to the agent', 30_000);
    const firstEndpoint = call.endpoint.bridgedTo;
    await eventually(() => { const leg = [...call.legs.values()][0]; return leg && leg.agentId === null && call.endpoint.bridgedTo === leg.endpoint && leg.endpoint !== firstEndpoint; }, 'bridged to the trunk', 30_000);
    const level = await echoed(call);
    const [cr, fr, tr] = await Promise.all([c.done, first.done, trunk.done]);
    expect(sippOk(tr)).toBe('ok');
    expect(sippOk(fr)).toBe('ok');
    expect(sippOk(cr)).toBe('ok');
    expect(level).toBeGreaterThan(300);
    const record = await finishedCall();
    expect(record.legs.find((l) => l.kind === 'transfer_cold')).toMatchObject({ agentId: null, destination: '+33123456789', outcome: 'answered' });
    expect(record.events.filter((e) => e.kind === 'transfer').map((e) => (e.data as { result: string }).result)).toEqual(['started', 'answered']);
  }, 120_000);

  it('cold transfer not answered after the transferring phone hung up: that agent is rung again (transfer_return)', async () => {
    // A phone that hangs up right after its REFER was accepted, as many do.
    const first = await agentPhone('hugo', scenario(
      ...agentAnswers,
      '<pause milliseconds="2000"/>',
      ...refer('203', 202, ['SIP/2.0 100 Trying']),
      agentRequest('BYE', 104),
      '<recv response="200"/>',
    ));
    const target = await agentPhone('jules', uasCancelled);
    // The target rings long enough for the agent's second phone to register meanwhile.
    rt.calls.services.transferRingMs = 10_000;
    const c = caller(25_000);
    const call = await eventually(() => { const x = liveCall(); return x?.endpoint.bridgedTo ? x : null; }, 'bridged to the agent', 30_000);
    expect(sippOk(await first.done)).toBe('ok');
    // The agent picks up another phone of theirs (a second registration) before the target gives up.
    const again = await agentPhone('hugo', answersThenBye());
    rt.calls.services.transferRingMs = 4000;
    const hugo = await rt.prisma.agent.findFirstOrThrow({ where: { sipUsername: 'hugo' } });
    await eventually(() => { const leg = [...call.legs.values()][0]; return leg?.agentId === hugo.id && leg.dialog && call.endpoint.bridgedTo === leg.endpoint; }, 'rung again and bridged', 40_000);
    const level = await echoed(call);
    const [cr, ar, tr] = await Promise.all([c.done, again.done, target.done]);
    expect(sippOk(cr)).toBe('ok');
    expect(sippOk(ar)).toBe('ok');
    expect(sippOk(tr)).toBe('ok');
    expect(level).toBeGreaterThan(300);
    const record = await finishedCall();
    expect(record.legs.map((l) => [l.kind, l.outcome])).toEqual([['agent', 'answered'], ['transfer_cold', 'no_answer'], ['transfer_return', 'answered']]);
    expect(record.legs[2].agentId).toBe(hugo.id);
    const transfer = record.events.filter((e) => e.kind === 'transfer').map((e) => e.data as { result: string; rung?: boolean });
    expect(transfer.map((d) => d.result)).toEqual(['started', 'no_answer', 'returned']);
    expect(transfer[2].rung).toBe(true);
  }, 120_000);
});
