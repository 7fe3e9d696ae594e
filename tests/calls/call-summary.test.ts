// The Call summary columns (issue 15, C0) as the runtime writes them at the end of real calls:
// SIPp callers and SIPp agent phones through the embedded sip-edge, PostgreSQL behind the records
// outbox. One call per outcome a supervisor sees in the history and the statistics:
// - menu key → queue group → the agent answers after ringing: waitMs, talkMs, agentId, groupId,
//   and the timeline (key pressed, node entered, group offered, leg rung and answered);
// - the caller hangs up in the menu: abandoned, no group, no wait;
// - the caller hangs up while the agent rings: cancelled, waited until the end;
// - the flow ends the call (message, hang-up step): outcome null, endNodeId;
// - a voicemail left (the caller hangs up while recording): voicemail, outcome null;
// - a blind REFER from the agent's phone to another agent: transferCount 1, agentIds both.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSipp, sippOk } from '../sip-edge/helpers';
import { ack, inDialogRequest, reply, scenario, uasCancelled } from '../sip-edge/scenarios';
import { RtpPeer } from '../media/support/rtp-peer';
import { synthesizeTone } from '@/flow-runtime/media/tones';
import { AGENT_SDP, callerCancels, callerInvite, createAgent, eventually, flowDocument, play, publishFlow, recvSessionProgress, startRuntime, tts, type Runtime } from './support';
import { agentAnswers, agentPhone, answersThenBye, agentRequest, callerHangsUpAfter, callerUntilBye, referNotifies, sdpAt } from './phone-support';

const QUEUE = '+33199000150';
const IVR = '+33199000151';
const RINGING = '+33199000152';
const FLOW_END = '+33199000153';
const VOICEMAIL = '+33199000154';
const TRANSFER = '+33199000155';

let rt: Runtime;
let peer: RtpPeer;
const agents: Record<string, string> = {};
const groups: Record<string, string> = {};
const flows: Record<string, string> = {};

beforeAll(async () => {
  rt = await startRuntime();
  rt.calls.services.transferRingMs = 6000;
  peer = await RtpPeer.create();
  for (const name of ['alice', 'bruno', 'hugo', 'ines']) agents[name] = (await createAgent(rt, name)).id;
  await rt.prisma.agent.update({ where: { id: agents.ines }, data: { extension: '202' } });
  const group = async (name: string, agentId: string) =>
    (groups[name] = (await rt.prisma.queueGroup.create({ data: { organizationId: rt.organizationId, name, members: { create: [{ agentId, position: 0 }] } } })).id);
  await group('Accueil', agents.alice);
  await group('Ventes', agents.bruno);
  await group('Support', agents.hugo);
  const mailbox = await rt.prisma.queueGroup.create({ data: { organizationId: rt.organizationId, name: 'Messagerie' } });
  groups.Messagerie = mailbox.id;

  const menu = () => ({
    id: 'menu', type: 'menu',
    config: { prompt: tts('Bonjour et bienvenue. Pour un conseiller, tapez 2. Pour nos horaires, tapez 1.'), keys: [{ key: '1' }, { key: '2' }], timeoutSeconds: 10, retries: 0 },
  });
  const queueGroup = (groupId: string) => ({ id: 'agents', type: 'queue-group', config: { groupId, strategy: 'simultaneous', ringTimeSeconds: 20 } });
  const bye = { id: 'bye', type: 'hangup', config: {} };
  flows.queue = (await publishFlow(rt, QUEUE, flowDocument('menu', [menu(), queueGroup(groups.Accueil), bye],
    [['menu', '2', 'agents'], ['menu', '1', 'bye'], ['menu', 'timeout', 'bye'], ['menu', 'invalid', 'bye'], ['agents', 'no_answer', 'bye']]))).flowId;
  flows.ivr = (await publishFlow(rt, IVR, flowDocument('menu', [menu(), queueGroup(groups.Accueil), bye],
    [['menu', '2', 'agents'], ['menu', '1', 'bye'], ['menu', 'timeout', 'bye'], ['menu', 'invalid', 'bye'], ['agents', 'no_answer', 'bye']]))).flowId;
  flows.ringing = (await publishFlow(rt, RINGING, flowDocument('agents', [queueGroup(groups.Ventes), bye], [['agents', 'no_answer', 'bye']]))).flowId;
  flows.flowEnd = (await publishFlow(rt, FLOW_END, flowDocument('closed', [
    { id: 'closed', type: 'message', config: { prompt: tts('Nous sommes fermés.') } },
    { id: 'goodbye', type: 'hangup', config: {} },
  ], [['closed', 'next', 'goodbye']]))).flowId;
  flows.voicemail = (await publishFlow(rt, VOICEMAIL, flowDocument('vm', [
    { id: 'vm', type: 'voicemail', config: { mailbox: { kind: 'group', groupId: groups.Messagerie }, beep: false, silenceSeconds: 20, maxLengthSeconds: 60, finishKey: 'none' } },
  ], []))).flowId;
  flows.transfer = (await publishFlow(rt, TRANSFER, flowDocument('agents', [queueGroup(groups.Support), bye], [['agents', 'no_answer', 'bye']]))).flowId;
});

afterAll(async () => {
  await peer?.close();
  await rt?.stop();
});

/** The number's call once it ended, with its timeline. */
async function endedCall(number: string) {
  return eventually(async () => {
    await rt.recorder.flush(5000);
    return rt.prisma.call.findFirst({ where: { entryNumber: number, endedAt: { not: null } }, include: { events: { orderBy: { seq: 'asc' } }, legs: { orderBy: { startedAt: 'asc' } } } });
  }, `ended call on ${number}`, 30_000);
}

const ms = (d: Date | null) => d!.getTime();
/** The call in progress (the tests place one at a time). */
const liveCall = () => [...rt.calls.active.values()][0];

describe('call summary columns written by the runtime', () => {
  it('menu key → queue group → the agent answers after ringing: wait, talk, agent, group, and the timeline', async () => {
    const phone = await agentPhone(rt, 'alice', answersThenBye(AGENT_SDP, 2000));
    const caller = runSipp(scenario(
      callerInvite(QUEUE),
      '<recv response="100" optional="true"/>',
      '<recv response="180" optional="true"/>',
      '<recv response="200" rrs="true"/>',
      ack,
      '<pause milliseconds="1500"/>',
      play('dtmf_2833_2.pcap'),
      '<pause milliseconds="7000"/>',
      inDialogRequest('BYE', 2),
      '<recv response="200" crlf="true"/>',
    ), `127.0.0.1:${rt.edge.sipPort}`, ['-m', '1'], { timeoutS: 60 });
    const [c, a] = await Promise.all([caller.done, phone.done]);
    expect(sippOk(c)).toBe('ok');
    expect(sippOk(a)).toBe('ok');

    const call = await endedCall(QUEUE);
    expect(call).toMatchObject({ outcome: 'answered', flowId: flows.queue, groupId: groups.Accueil, agentId: agents.alice, agentIds: [agents.alice], transferCount: 0, voicemail: false, callbackRequested: false, endNodeId: 'agents' });
    // the wait: from the group's offer to the agent's answer (the phone rang 2 s); the talk: to the caller's BYE
    expect(call.waitMs).toBe(ms(call.agentAnsweredAt) - ms(call.queuedAt));
    expect(call.waitMs).toBeGreaterThanOrEqual(1900);
    expect(call.waitMs).toBeLessThan(10_000);
    expect(call.talkMs).toBe(ms(call.endedAt) - ms(call.agentAnsweredAt));
    expect(call.talkMs).toBeGreaterThan(1000);
    expect(call.talkMs).toBeLessThan(call.endedAt!.getTime() - call.startedAt.getTime());
    // queued after the menu, the IVR's answer (answeredAt) long before the agent's
    expect(ms(call.queuedAt)).toBeGreaterThan(ms(call.answeredAt));
    expect(ms(call.agentAnsweredAt)).toBe(ms(call.legs[0].answeredAt));

    // the timeline of the call's page: key pressed, node entered, group offered, leg rung and answered
    const timeline = call.events.map((e) => [e.kind, e.nodeId, e.data]);
    const at = (kind: string, match: object) => timeline.findIndex(([k, , d]) => k === kind && expect.objectContaining(match).asymmetricMatch(d));
    const key = at('key', { key: '2', accepted: true });
    const entered = timeline.findIndex(([k, n]) => k === 'node-entered' && n === 'agents');
    const offered = at('queue', { event: 'offered', groupId: groups.Accueil });
    const rung = at('leg', { event: 'ringing', agentId: agents.alice });
    const answered = at('leg', { outcome: 'answered' });
    expect(key).toBeGreaterThan(-1);
    expect([key, entered, offered, rung, answered]).toEqual([...[key, entered, offered, rung, answered]].sort((x, y) => x - y));
    expect(Math.min(entered, offered, rung, answered)).toBeGreaterThan(key);
    expect(ms(call.queuedAt)).toBe(call.events[offered].at.getTime());
  }, 90_000);

  it('the caller hangs up in the menu: abandoned, no group, no wait, no talk', async () => {
    const caller = callerHangsUpAfter(rt, IVR, sdpAt(peer.port), 1500);
    expect(sippOk(await caller.done)).toBe('ok');
    const call = await endedCall(IVR);
    expect(call).toMatchObject({
      outcome: 'abandoned', flowId: flows.ivr, groupId: null, queuedAt: null, waitMs: null, agentId: null, agentIds: [],
      agentAnsweredAt: null, talkMs: null, transferCount: 0, voicemail: false, endNodeId: 'menu',
    });
  }, 60_000);

  it('the caller hangs up while the agent rings: cancelled, waited until the end, no agent', async () => {
    const phone = await agentPhone(rt, 'bruno', uasCancelled);
    const caller = runSipp(scenario(
      callerInvite(RINGING, sdpAt(peer.port)),
      '<recv response="100" optional="true"/>',
      '<recv response="180" optional="true"/>',
      recvSessionProgress,
      '<pause milliseconds="2500"/>',
      ...callerCancels(RINGING),
    ), `127.0.0.1:${rt.edge.sipPort}`, ['-m', '1'], { timeoutS: 60 });
    const [c, a] = await Promise.all([caller.done, phone.done]);
    expect(sippOk(c)).toBe('ok');
    expect(sippOk(a)).toBe('ok');
    const call = await endedCall(RINGING);
    expect(call).toMatchObject({ outcome: 'cancelled', flowId: flows.ringing, groupId: groups.Ventes, agentId: null, agentIds: [], agentAnsweredAt: null, talkMs: null, endNodeId: 'agents' });
    expect(call.waitMs).toBe(ms(call.endedAt) - ms(call.queuedAt));
    expect(call.waitMs).toBeGreaterThanOrEqual(2000);
    expect(call.legs.map((l) => [l.agentId, l.outcome])).toEqual([[agents.bruno, 'cancelled']]);
  }, 60_000);

  it('the flow ends the call (message, hang-up step): no outcome, the hang-up node', async () => {
    const caller = callerUntilBye(rt, FLOW_END, sdpAt(peer.port), 60);
    expect(sippOk(await caller.done)).toBe('ok');
    const call = await endedCall(FLOW_END);
    expect(call).toMatchObject({ outcome: null, flowId: flows.flowEnd, endNodeId: 'goodbye', groupId: null, waitMs: null, talkMs: null, agentIds: [], transferCount: 0 });
    expect(call.answeredAt).not.toBeNull();
  }, 60_000);

  it('a voicemail left (the caller hangs up while recording): voicemail, no outcome', async () => {
    const caller = callerHangsUpAfter(rt, VOICEMAIL, sdpAt(peer.port), 4000);
    // the caller speaks once answered (the recording starts with the answer: no greeting, no beep)
    const live = await eventually(() => { const x = liveCall(); return x?.answered ? x : null; }, 'the voicemail call answered', 20_000);
    await peer.sendAudio(live.endpoint, 'PCMU', synthesizeTone([800], 1500, -10), { realTime: true });
    expect(sippOk(await caller.done)).toBe('ok');
    const call = await endedCall(VOICEMAIL);
    const message = await eventually(async () => {
      await rt.recorder.flush(5000);
      return rt.prisma.voicemail.findFirst({ where: { callId: call.id } });
    }, 'the Voicemail row', 30_000);
    expect(message).toMatchObject({ mailboxKind: 'group', groupId: groups.Messagerie });
    const after = await rt.prisma.call.findUniqueOrThrow({ where: { id: call.id } });
    expect(after).toMatchObject({ outcome: null, voicemail: true, flowId: flows.voicemail, endNodeId: 'vm', groupId: null, waitMs: null, talkMs: null });
  }, 60_000);

  it('a blind REFER from the agent phone to another agent: one transfer, both agents, talk from the first answer', async () => {
    const first = await agentPhone(rt, 'hugo', scenario(
      ...agentAnswers,
      '<pause milliseconds="2000"/>',
      agentRequest('REFER', 103, 'Refer-To: <sip:202@127.0.0.1>\nReferred-By: <sip:agent@[local_ip]>\n'),
      '<recv response="202"/>',
      ...referNotifies(['SIP/2.0 100 Trying', 'SIP/2.0 200 OK']),
      '<recv request="BYE"/>',
      reply('200 OK'),
    ));
    const target = await agentPhone(rt, 'ines', answersThenBye(AGENT_SDP, 500));
    const caller = callerHangsUpAfter(rt, TRANSFER, sdpAt(peer.port), 10_000);
    const [c, f, t] = await Promise.all([caller.done, first.done, target.done]);
    expect(sippOk(f)).toBe('ok');
    expect(sippOk(t)).toBe('ok');
    expect(sippOk(c)).toBe('ok');
    const call = await endedCall(TRANSFER);
    expect(call).toMatchObject({ outcome: 'answered', flowId: flows.transfer, groupId: groups.Support, agentId: agents.hugo, agentIds: [agents.hugo, agents.ines], transferCount: 1, endNodeId: 'agents' });
    expect(call.legs.map((l) => [l.kind, l.agentId, l.outcome])).toEqual([['agent', agents.hugo, 'answered'], ['transfer_cold', agents.ines, 'answered']]);
    // the talk runs from the first agent's answer to the end, across the transfer
    expect(ms(call.agentAnsweredAt)).toBe(ms(call.legs[0].answeredAt));
    expect(call.talkMs).toBe(ms(call.endedAt) - ms(call.agentAnsweredAt));
    expect(call.talkMs).toBeGreaterThan(ms(call.endedAt) - ms(call.legs[1].answeredAt));
  }, 90_000);
});
