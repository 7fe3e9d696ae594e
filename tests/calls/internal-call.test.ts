// Calls placed by agents' phones (issue 13, flow-runtime/calls/internal-call):
// - hugo (extension 201) calls 202: 407, digest, 180, 200; ines' phone rings and answers; audio
//   goes both ways through Relais (the caller's tone echoed by ines' SIPp); ines is busy for the
//   queue while on it and free after; the records: a Call entered on 201 with one leg `internal`;
// - no credentials (or wrong ones): 407 (403), nobody rings, no Call;
// - a number on the organisation's forbidden list: 403, nothing reaches the trunk; an allowed
//   number goes out through the trunk (leg `outbound`);
// - a busy phone answers 486: the caller gets 486; an unknown extension: 404.
// The caller's media is an in-test RTP peer (SIPp signals only); answering phones are SIPp with -rtp_echo.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freeUdpPort, runSipp, sippOk, waitForUdpListener } from '../sip-edge/helpers';
import { ack, inDialogRequest, reply, scenario, uasBusy, uasCancelled, uasReply } from '../sip-edge/scenarios';
import { RtpPeer } from '../media/support/rtp-peer';
import { AGENT_SDP, callerInvite, createAgent, eventually, flowDocument, publishFlow, REALM, registerAgent, startRuntime, type Runtime } from './support';
import { ackFailure, authenticatedInvite, echoThrough, loopbackTrunk, phoneInvite, phoneTalksThenHangsUp, sdpAt, silentListener, trunkAnswers } from './phone-support';
import { rms } from '../media/support/tones';
import { synthesizeTone } from '@/flow-runtime/media/tones';

let rt: Runtime;
let peer: RtpPeer;
let trunkPort: number;
let ines: { id: string };

beforeAll(async () => {
  trunkPort = await freeUdpPort();
  rt = await startRuntime({
    trunk: loopbackTrunk(trunkPort),
  });
  rt.calls.services.internalRingMs = 6000;
  peer = await RtpPeer.create();
  const hugo = await createAgent(rt, 'hugo');
  ines = await createAgent(rt, 'ines');
  await rt.prisma.agent.update({ where: { id: hugo.id }, data: { extension: '201' } });
  await rt.prisma.agent.update({ where: { id: ines.id }, data: { extension: '202' } });
  await rt.prisma.forbiddenList.create({ data: { organizationId: rt.organizationId, name: 'Premium', entries: { create: [{ kind: 'prefix', pattern: '0899' }] } } });
  await rt.prisma.phoneNumber.create({ data: { organizationId: rt.organizationId, e164: '+33199000080' } });
});

afterAll(async () => {
  await peer?.close();
  await rt?.stop();
});

async function phone(username: string, xml: string, calls = 1) {
  const port = await freeUdpPort();
  await registerAgent(rt, username, port);
  const run = runSipp(xml, null, ['-m', String(calls), '-rtp_echo'], { port, timeoutS: 60 });
  await waitForUdpListener(port);
  return run;
}

const callFrom = (steps: string[]) => runSipp(scenario(...steps), `127.0.0.1:${rt.edge.sipPort}`, ['-m', '1'], { timeoutS: 60 });

const live = () => [...(rt.calls.services.phones?.live ?? [])][0];

async function callRows() {
  await rt.recorder.flush(10_000);
  return rt.prisma.call.findMany({ where: { flowVersionId: null }, orderBy: { startedAt: 'asc' }, include: { legs: true, events: { orderBy: { seq: 'asc' } } } });
}

describe('calls from an agent phone', () => {
  it('extension 202 from 201: challenged, rung, answered, audio both ways through Relais, recorded', async () => {
    const callee = await phone('ines', scenario(
      '<recv request="INVITE" crlf="true"><action><ereg regexp="sip:201@" search_in="hdr" header="From:" check_it="true" assign_to="from"/></action></recv>',
      '<nop hide="true"><action><log message="[$from]"/></action></nop>',
      uasReply('180 Ringing'),
      '<pause milliseconds="500"/>',
      uasReply('200 OK', 'Content-Type: application/sdp\n', AGENT_SDP),
      '<recv request="ACK"/>',
      '<recv request="BYE"/>',
      reply('200 OK'),
    ));
    const caller = callFrom([...authenticatedInvite('hugo', '202', sdpAt(peer.port)), ...phoneTalksThenHangsUp(8000)]);
    const call = await eventually(() => { const c = live(); return c?.state === 'answered' && c.caller.endpoint.bridgedTo ? c : null; }, 'internal call answered', 30_000);
    expect(rt.calls.services.directory.isOnCall(ines.id)).toBe(true);
    const level = await echoThrough(peer, call.caller.endpoint);
    const [cr, br] = await Promise.all([caller.done, callee.done]);
    expect(sippOk(cr)).toBe('ok');
    expect(sippOk(br)).toBe('ok');
    expect(level).toBeGreaterThan(300);
    expect(cr.messages).toMatch(/SIP\/2.0 407[\s\S]*SIP\/2.0 180[\s\S]*SIP\/2.0 200/);
    await eventually(() => !rt.calls.services.directory.isOnCall(ines.id) && rt.calls.services.phones?.live.size === 0, 'ines free again');
    const rows = await eventually(async () => (await callRows()).filter((c) => c.endedAt), 'internal call row');
    expect(rows).toHaveLength(1);
    const [row] = rows;
    expect(row).toMatchObject({ entryNumber: '201', caller: '201', callee: '202', outcome: 'answered', flowVersionId: null });
    expect(row.answeredAt).not.toBeNull();
    expect(row.legs).toHaveLength(1);
    expect(row.legs[0]).toMatchObject({ kind: 'internal', agentId: ines.id, outcome: 'answered' });
    expect(row.legs[0].answeredAt).not.toBeNull();
    expect(row.legs[0].endedAt).not.toBeNull();
    // summary (issue 15): ines answered, then hugo who called; no flow, no queue
    expect(row).toMatchObject({ agentId: ines.id, flowId: null, groupId: null, waitMs: null, transferCount: 0 });
    expect(row.agentIds).toHaveLength(2);
    expect(row.agentIds[0]).toBe(ines.id);
    expect(row.talkMs).toBe(row.endedAt!.getTime() - row.agentAnsweredAt!.getTime());
    expect(row.talkMs).toBeGreaterThan(5000);
  }, 90_000);

  it('no credentials: 407 and nobody rings; wrong password: 403', async () => {
    const port = await freeUdpPort();
    await registerAgent(rt, 'ines', port);
    const inesPhone = await silentListener(port);
    try {
      const before = (await callRows()).length;
      const r = await callFrom([
        phoneInvite('hugo', '202', 1, sdpAt(peer.port), null),
        '<recv response="100" optional="true"/>',
        '<recv response="407"/>',
        ackFailure('202', 1),
      ]).done;
      expect(sippOk(r)).toBe('ok');
      expect(r.messages).toMatch(/Proxy-Authenticate: Digest realm="relais.test"/);
      const wrong = await callFrom([
        ...authenticatedInvite('hugo', '202', sdpAt(peer.port), 'not-the-password'),
        '<recv response="403"/>',
        ackFailure('202', 2),
      ]).done;
      expect(sippOk(wrong)).toBe('ok');
      // Absence can only be shown by waiting a moment: nothing reached ines' phone, no call started.
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect(inesPhone.got.filter((m) => m.startsWith('INVITE'))).toEqual([]);
      expect(rt.calls.services.phones?.live.size).toBe(0);
      expect((await callRows()).length).toBe(before);
    } finally {
      await inesPhone.close();
    }
  }, 60_000);

  it('a forbidden number: 403, nothing reaches the trunk', async () => {
    const trunk = await silentListener(trunkPort);
    try {
      const before = (await callRows()).length;
      const r = await callFrom([
        ...authenticatedInvite('hugo', '0899123456', sdpAt(peer.port)),
        '<recv response="403"/>',
        ackFailure('0899123456', 2),
      ]).done;
      expect(sippOk(r)).toBe('ok');
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(trunk.got).toEqual([]);
      expect((await callRows()).length).toBe(before);
    } finally {
      await trunk.close();
    }
  }, 60_000);

  it('a phone whose From host is its own address: challenged once the number proves none of ours; a caller presenting a number still gets 404', async () => {
    const trunk = await silentListener(trunkPort);
    try {
      const r = await callFrom([
        ...authenticatedInvite('hugo', '0899123456', sdpAt(peer.port), 'pw-hugo', '[call_id]', '[local_ip]'),
        '<recv response="403"/>',
        ackFailure('0899123456', 2),
      ]).done;
      expect(sippOk(r)).toBe('ok');
      // a caller presenting a number (a trunk, a stranger) still gets 404 for a number none of ours;
      // a name that is no agent is challenged all the same (nothing tells which names exist)
      const stranger = await callFrom([
        phoneInvite('+33612345678', '0612345678', 1, sdpAt(peer.port), null, '[call_id]', '[local_ip]'),
        '<recv response="100" optional="true"/>',
        '<recv response="404"/>',
        ackFailure('0612345678', 1),
      ]).done;
      expect(sippOk(stranger)).toBe('ok');
      const nobody = await callFrom([
        phoneInvite('nobody', '0612345678', 1, sdpAt(peer.port), null, '[call_id]', '[local_ip]'),
        '<recv response="100" optional="true"/>',
        '<recv response="407"/>',
        ackFailure('0612345678', 1),
      ]).done;
      expect(sippOk(nobody)).toBe('ok');
      expect(trunk.got).toEqual([]);
    } finally {
      await trunk.close();
    }
  }, 60_000);

  it('an allowed number: out through the trunk from the organisation number, leg outbound', async () => {
    const trunk = await trunkAnswers(trunkPort, '+33123456789', { from: '+33199000080', timeoutS: 60 });
    const caller = callFrom([...authenticatedInvite('hugo', '0123456789', sdpAt(peer.port)), ...phoneTalksThenHangsUp(6000)]);
    const call = await eventually(() => { const c = live(); return c?.state === 'answered' && c.caller.endpoint.bridgedTo ? c : null; }, 'outbound call answered', 30_000);
    const level = await echoThrough(peer, call.caller.endpoint);
    const [cr, tr] = await Promise.all([caller.done, trunk.done]);
    expect(sippOk(cr)).toBe('ok');
    expect(sippOk(tr)).toBe('ok');
    expect(level).toBeGreaterThan(300);
    const row = await eventually(async () => (await callRows()).find((c) => c.callee === '+33123456789' && c.endedAt), 'outbound call row');
    expect(row).toMatchObject({ entryNumber: '201', outcome: 'answered' });
    expect(row.legs.map((l) => [l.kind, l.destination, l.outcome])).toEqual([['outbound', '+33123456789', 'answered']]);
  }, 90_000);

  it('a busy phone: 486 to the caller; an unknown extension: 404', async () => {
    // only the busy phone is registered (earlier tests' phones are gone; forks to them are not "busy")
    await rt.prisma.sipRegistration.deleteMany({ where: { agentId: ines.id } });
    const busy = await phone('ines', uasBusy);
    const r = await callFrom([...authenticatedInvite('hugo', '202', sdpAt(peer.port)), '<recv response="486"/>', ackFailure('202', 2)]).done;
    expect(sippOk(r)).toBe('ok');
    expect(sippOk(await busy.done)).toBe('ok');
    const unknown = await callFrom([...authenticatedInvite('hugo', '299', sdpAt(peer.port)), '<recv response="404"/>', ackFailure('299', 2)]).done;
    expect(sippOk(unknown)).toBe('ok');
    const row = await eventually(async () => (await callRows()).find((c) => c.callee === '202' && c.outcome === 'busy'), 'busy call row');
    expect(row.legs.map((l) => [l.kind, l.outcome])).toEqual([['internal', 'busy']]);
  }, 60_000);

  it('hold inside an internal call: sendonly answered recvonly and ines hears the hold melody; sendrecv again, hugo heard again', async () => {
    await rt.prisma.sipRegistration.deleteMany({ where: { agentId: ines.id } });
    const inesMedia = await RtpPeer.create();
    try {
      const callee = await phone('ines', scenario(
        '<recv request="INVITE" crlf="true"/>',
        uasReply('180 Ringing'),
        uasReply('200 OK', 'Content-Type: application/sdp\n', sdpAt(inesMedia.port, 'ines')),
        '<recv request="ACK"/>',
        '<recv request="BYE"/>',
        reply('200 OK'),
      ));
      const held = sdpAt(peer.port).replace('a=sendrecv', 'a=sendonly').replace('o=caller 1 1', 'o=caller 1 2');
      const resumed = sdpAt(peer.port).replace('o=caller 1 1', 'o=caller 1 3');
      const reinvite = (cseq: number, sdp: string, expect: string) => [
        inDialogRequest('INVITE', cseq, 'Content-Type: application/sdp\n', sdp).replace('[last_To:]', 'To:[$remote_to]'),
        '<recv response="100" optional="true"/>',
        `<recv response="200"><action><ereg regexp="a=${expect}" search_in="body" check_it="true" assign_to="d${cseq}"/></action></recv>`,
        `<nop hide="true"><action><log message="[$d${cseq}]"/></action></nop>`,
        ack.replace('CSeq: 1 ACK', `CSeq: ${cseq} ACK`).replace('[last_To:]', 'To:[$remote_to]'),
      ];
      const caller = callFrom([
        ...authenticatedInvite('hugo', '202', sdpAt(peer.port)),
        '<recv response="180"/>',
        '<recv response="200" rrs="true"><action><ereg regexp=".*" search_in="hdr" header="To:" assign_to="remote_to"/></action></recv>',
        ack.replace('CSeq: 1 ACK', 'CSeq: 2 ACK'),
        '<pause milliseconds="1000"/>',
        ...reinvite(3, held, 'recvonly'),
        '<pause milliseconds="4000"/>',
        ...reinvite(4, resumed, 'sendrecv'),
        '<pause milliseconds="5000"/>',
        inDialogRequest('BYE', 5).replace('[last_To:]', 'To:[$remote_to]'),
        '<recv response="200" crlf="true"/>',
      ]);
      const call = await eventually(() => { const c = live(); return c?.state === 'answered' && c.caller.endpoint.bridgedTo ? c : null; }, 'internal call answered', 30_000);
      const inesEndpoint = call.callee!.endpoint;
      await eventually(() => call.caller.endpoint.direction === 'recvonly' && inesEndpoint.playing, 'held: music to ines', 30_000);
      inesMedia.clear();
      await eventually(() => inesMedia.received.length >= 100, 'RTP to ines while held');
      const music = rms(inesMedia.receivedAudio('PCMU'));
      await eventually(() => call.caller.endpoint.direction === 'sendrecv' && inesEndpoint.bridgedTo === call.caller.endpoint && !inesEndpoint.playing, 'resumed', 30_000);
      inesMedia.clear();
      await peer.sendAudio(call.caller.endpoint, 'PCMU', synthesizeTone([1000], 1000, -10), { realTime: true });
      const through = rms(inesMedia.receivedAudio('PCMU'));
      const [cr, br] = await Promise.all([caller.done, callee.done]);
      expect(sippOk(cr)).toBe('ok');
      expect(sippOk(br)).toBe('ok');
      expect(music).toBeGreaterThan(300);
      expect(through).toBeGreaterThan(300);
      // in the call's timeline (issue 15): hugo's phone held, then resumed
      await rt.recorder.flush(10_000);
      const events = await rt.prisma.callEvent.findMany({ where: { callId: call.id, kind: { in: ['hold', 'resume'] } }, orderBy: { seq: 'asc' } });
      const hugo = await rt.prisma.agent.findFirstOrThrow({ where: { sipUsername: 'hugo' } });
      expect(events.map((e) => [e.kind, e.data])).toEqual([
        ['hold', { by: 'agent-phone', agentId: hugo.id, number: null }], ['resume', { by: 'agent-phone', agentId: hugo.id, number: null }],
      ]);
    } finally {
      await inesMedia.close();
    }
  }, 90_000);

  it('CANCEL before the answer: the target phone gets CANCEL, the caller 487, the call is recorded cancelled', async () => {
    await rt.prisma.sipRegistration.deleteMany({ where: { agentId: ines.id } });
    const callee = await phone('ines', uasCancelled);
    const cancel = (method: 'CANCEL' | 'ACK', to: string) => `<send><![CDATA[
${method} sip:[remote_ip]:[remote_port] SIP/2.0
[last_Via:]
From: <sip:hugo@${REALM}>;tag=[pid]SIPpTag00[call_number]
${to}
Call-ID: [call_id]
CSeq: 2 ${method}
Max-Forwards: 70
Content-Length: 0

]]></send>`;
    const r = await callFrom([
      ...authenticatedInvite('hugo', '202', sdpAt(peer.port)),
      '<recv response="180"/>',
      cancel('CANCEL', `To: <sip:202@${REALM}>`),
      '<recv response="200"/>',
      '<recv response="487"/>',
      cancel('ACK', '[last_To:]'),
    ]).done;
    expect(sippOk(r)).toBe('ok');
    expect(sippOk(await callee.done)).toBe('ok');
    const row = await eventually(async () => (await callRows()).find((c) => c.callee === '202' && c.outcome === 'cancelled'), 'cancelled call row');
    expect(row.legs.map((l) => [l.kind, l.outcome])).toEqual([['internal', 'cancelled']]);
    expect(rt.calls.services.directory.isOnCall(ines.id)).toBe(false);
  }, 60_000);

  it('while ines is on an internal call the queue offers her no caller; once it ends she gets the waiting one', async () => {
    const QUEUE = '+33199000081';
    const group = await rt.prisma.queueGroup.create({ data: { organizationId: rt.organizationId, name: 'Queue', members: { create: [{ agentId: ines.id, position: 0 }] } } });
    await publishFlow(rt, QUEUE, flowDocument('queue', [
      { id: 'queue', type: 'queue-group', config: { groupId: group.id, strategy: 'queue', ringTimeSeconds: 15, maxWaitSeconds: 90, announcePosition: false } },
      { id: 'bye', type: 'hangup', config: {} },
    ], [['queue', 'no_answer', 'bye'], ['queue', 'timeout', 'bye'], ['queue', 'unavailable', 'bye'], ['queue', 'busy', 'bye'], ['queue', 'full', 'bye']]));
    await rt.prisma.sipRegistration.deleteMany({ where: { agentId: ines.id } });
    // ines' phone takes both calls, one after the other
    const inesPhone = await phone('ines', scenario(
      '<recv request="INVITE" crlf="true"/>',
      uasReply('180 Ringing'),
      uasReply('200 OK', 'Content-Type: application/sdp\n', AGENT_SDP),
      '<recv request="ACK"/>',
      '<recv request="BYE"/>',
      reply('200 OK'),
    ), 2);
    const hugo = callFrom([...authenticatedInvite('hugo', '202', sdpAt(peer.port)), ...phoneTalksThenHangsUp(6000)]);
    const internal = await eventually(() => { const c = live(); return c?.state === 'answered' ? c : null; }, 'internal call answered', 30_000);
    const queued = runSipp(scenario(
      callerInvite(QUEUE),
      '<recv response="100" optional="true"/>',
      '<recv response="180" optional="true"/>',
      '<recv response="183" optional="true"/>',
      '<recv response="200" rrs="true"/>',
      ack,
      '<pause milliseconds="14000"/>',
      inDialogRequest('BYE', 2),
      '<recv response="200" crlf="true"/>',
    ), `127.0.0.1:${rt.edge.sipPort}`, ['-m', '1'], { timeoutS: 60 });
    const waiting = await eventually(() => [...rt.calls.active.values()].find((c) => c.session?.state.queueId), 'the caller waiting in the queue', 30_000);
    expect(internal.state).toBe('answered');
    expect(waiting.legs.size).toBe(0);
    const [hr, qr] = await Promise.all([hugo.done, queued.done]);
    expect(sippOk(hr)).toBe('ok');
    expect(sippOk(qr)).toBe('ok');
    expect(sippOk(await inesPhone.done)).toBe('ok');
    await rt.recorder.flush(10_000);
    const internalRow = await eventually(() => rt.prisma.call.findFirst({ where: { id: internal.id, endedAt: { not: null } } }), 'internal call row');
    const queueRow = await eventually(() => rt.prisma.call.findFirst({ where: { entryNumber: QUEUE, endedAt: { not: null } }, include: { legs: true } }), 'queue call row');
    expect(queueRow.legs.map((l) => [l.agentId, l.outcome])).toEqual([[ines.id, 'answered']]);
    expect(queueRow.legs[0].startedAt.getTime()).toBeGreaterThanOrEqual(internalRow.endedAt!.getTime());
  }, 90_000);
});
