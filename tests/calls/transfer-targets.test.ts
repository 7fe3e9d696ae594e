// Cold transfers to a queue group, a flow ("rubrique"), a directory contact and one of the
// organisation's own numbers (issue 13 items 2 and 3; flow-runtime/calls/call-control/targets.ts):
// - group simultaneous: both members ring at once, one answers, the other is CANCELled;
// - group in cascade: the first member lets it ring, the second answers → the caller's tone comes
//   back through the second's phone; CallLeg rows transfer_cold for each member rung;
// - group nobody answers while the transferring agent is on the call → back to them;
// - group nobody answers after the transferring agent hung up (and does not answer again) → the
//   caller leaves a message in the group's mailbox (Voicemail row with the group, duration > 0);
// - flow: refused 404 for a flow of another organisation or without a published version (caller
//   still with the agent); then the agent gets BYE and the caller hears that flow's prompt;
// - a REFER to one of our own numbers: the caller goes into that number's flow, nothing dialled out;
// - contact with a forbidden (premium-rate) number → 403, caller still with the agent; a contact,
//   group or agent of another organisation → 404; a contact with an allowed number → dialled through
//   the trunk; not answered after the agent hung up → nobody rung back, the call ends.
// Commands go through CallControl.execute (actor: command) on the LiveCall; the caller's media is
// an in-test RTP peer, agents are SIPp phones echoing RTP (-rtp_echo).
import dgram from 'node:dgram';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallCommand } from '@/flow-runtime/calls/call-control/commands';
import { contactCanonical } from '@/flow-runtime/contacts';
import { synthesizeTone } from '@/flow-runtime/media/tones';
import { freeUdpPort, runSipp, sippOk, sippPort, waitForUdpListener } from '../sip-edge/helpers';
import { ack, inDialogRequest, reply, scenario, uasCancelled, uasReply } from '../sip-edge/scenarios';
import { RtpPeer } from '../media/support/rtp-peer';
import { rms } from '../media/support/tones';
import { AGENT_SDP, callerInvite, createAgent, eventually, flowDocument, publishFlow, startRuntime, tts, type Runtime } from './support';
import { agentAnswers, agentPhone as phoneOf, agentRequest, answersThenBye, callerHangsUpAfter, echoThrough, loopbackTrunk, sdpAt, transferPolicyFlow, trunkAnswers } from './phone-support';

const NUMBER = '+33199000080';
const SAV_NUMBER = '+33199000081';
let rt: Runtime;
let peer: RtpPeer;
let trunkPort: number;
let ids: { hugo: string; ines: string; jules: string; kim: string; lea: string; max: string; sales: string; support: string; duo: string; savFlow: string; otherOrg: string };

beforeAll(async () => {
  trunkPort = await freeUdpPort();
  rt = await startRuntime({
    trunk: loopbackTrunk(trunkPort),
  });
  rt.calls.services.transferRingMs = 4000;
  peer = await RtpPeer.create();
  const [hugo, ines, jules, kim, lea, max] = await Promise.all(['hugo', 'ines', 'jules', 'kim', 'lea', 'max'].map((n) => createAgent(rt, n)));
  const entry = await rt.prisma.queueGroup.create({ data: { organizationId: rt.organizationId, name: 'Accueil', members: { create: [{ agentId: hugo.id, position: 0 }] } } });
  const sales = await rt.prisma.queueGroup.create({
    data: { organizationId: rt.organizationId, name: 'Ventes', ringTimeSeconds: 3, members: { create: [{ agentId: ines.id, position: 0 }, { agentId: jules.id, position: 1 }] } },
  });
  const duo = await rt.prisma.queueGroup.create({ data: { organizationId: rt.organizationId, name: 'Duo', ringTimeSeconds: 8, members: { create: [{ agentId: lea.id, position: 0 }, { agentId: max.id, position: 1 }] } } });
  const support = await rt.prisma.queueGroup.create({ data: { organizationId: rt.organizationId, name: 'Support', ringTimeSeconds: 3, members: { create: [{ agentId: kim.id, position: 0 }] } } });
  await publishFlow(rt, NUMBER, transferPolicyFlow(entry.id));
  // The after-sales flow ("rubrique"): a prompt, then it hangs up.
  const sav = await publishFlow(rt, SAV_NUMBER, flowDocument('sav-hello', [
    { id: 'sav-hello', type: 'message', config: { prompt: tts('Bienvenue au service après-vente. Nous allons traiter votre demande. Au revoir.') } },
    { id: 'sav-bye', type: 'hangup', config: {} },
  ], [['sav-hello', 'next', 'sav-bye']]));
  const other = await rt.prisma.organization.create({ data: { name: 'other', slug: `other-${Date.now()}`, timezone: 'Europe/Paris', defaultLanguage: 'fr' } });
  ids = { hugo: hugo.id, ines: ines.id, jules: jules.id, kim: kim.id, lea: lea.id, max: max.id, sales: sales.id, support: support.id, duo: duo.id, savFlow: sav.flowId, otherOrg: other.id };
});

afterAll(async () => {
  await peer?.close();
  await rt?.stop();
});

const agentPhone = (username: string, xml: string) => phoneOf(rt, username, xml);

/** The transferring agent's phone: answers, hangs up 1.5 s later (before the transfer's outcome). */
const answersThenHangsUp = scenario(...agentAnswers, '<pause milliseconds="1500"/>', agentRequest('BYE', 104), '<recv response="200"/>');

const callerHead = [
  '<recv response="100" optional="true"/>',
  '<recv response="180" optional="true"/>',
  '<recv response="183" optional="true"/>',
  '<recv response="180" optional="true"/>',
];

/** The caller stays `holdMs`, then hangs up. */
const caller = (holdMs: number) => callerHangsUpAfter(rt, NUMBER, sdpAt(peer.port), holdMs);

/** The caller stays until Relais hangs up (a flow that ends). */
function callerUntilBye() {
  return runSipp(scenario(
    callerInvite(NUMBER, sdpAt(peer.port)), ...callerHead,
    '<recv response="200" rrs="true"/>', ack,
    '<recv request="BYE" timeout="60000"/>',
    reply('200 OK'),
  ), `127.0.0.1:${rt.edge.sipPort}`, ['-m', '1'], { timeoutS: 90 });
}

const liveCall = () => [...rt.calls.active.values()][0];
const bridged = () => eventually(() => { const x = liveCall(); return x?.endpoint.bridgedTo ? x : null; }, 'bridged to the agent', 30_000);
const command = (call: ReturnType<typeof liveCall>, target: Extract<CallCommand, { type: 'transferCold' }>['target']) =>
  call.control!.execute({ type: 'transferCold', target, by: { kind: 'command', userId: null } });

/** The caller's tone goes out and comes back (the phone on the other side echoes RTP): audio both ways. */
const echoed = (call: { endpoint: Parameters<RtpPeer['sendAudio']>[0] }) => echoThrough(peer, call.endpoint);

async function finishedCall(callId: string) {
  await rt.recorder.flush(10_000);
  return eventually(async () => {
    await rt.recorder.flush(5000);
    return rt.prisma.call.findFirst({ where: { id: callId, endedAt: { not: null } }, include: { legs: { orderBy: { startedAt: 'asc' } }, events: { orderBy: { seq: 'asc' } } } });
  }, 'call row', 30_000);
}

const transfers = (record: Awaited<ReturnType<typeof finishedCall>>) => record.events.filter((e) => e.kind === 'transfer').map((e) => e.data as Record<string, unknown>);

describe('cold transfer targets', () => {
  it('group in cascade: the first member does not answer, the second does → caller bridged to the second', async () => {
    const first = await agentPhone('hugo', answersThenBye());
    const ines = await agentPhone('ines', uasCancelled);
    const jules = await agentPhone('jules', answersThenBye());
    const c = caller(16_000);
    const call = await bridged();
    const result = await command(call, { kind: 'group', groupId: ids.sales, strategy: 'cascade' });
    expect(result).toEqual({ ok: true });
    const leg = [...call.legs.values()][0];
    expect(leg.agentId).toBe(ids.jules);
    expect(call.endpoint.bridgedTo).toBe(leg.endpoint);
    const level = await echoed(call);
    const [cr, fr, ir, jr] = await Promise.all([c.done, first.done, ines.done, jules.done]);
    for (const r of [cr, fr, ir, jr]) expect(sippOk(r)).toBe('ok');
    expect(level).toBeGreaterThan(300);
    const record = await finishedCall(call.id);
    expect(record.legs.map((l) => [l.kind, l.agentId, l.outcome])).toEqual([
      ['agent', ids.hugo, 'answered'], ['transfer_cold', ids.ines, 'no_answer'], ['transfer_cold', ids.jules, 'answered'],
    ]);
    const t = transfers(record);
    expect(t.map((d) => d.result)).toEqual(['started', 'answered']);
    expect(t[0]).toMatchObject({ by: 'command', targetKind: 'group', groupId: ids.sales, strategy: 'cascade', members: [ids.ines, ids.jules] });
    expect(t[1]).toMatchObject({ targetKind: 'group', groupId: ids.sales, toAgentId: ids.jules });
  }, 120_000);

  it('group with no strategy given nor in the flow → simultaneous: both members ring at once, the one answering wins, the other is CANCELled', async () => {
    const first = await agentPhone('hugo', answersThenBye());
    const lea = await agentPhone('lea', uasCancelled);
    const max = await agentPhone('max', scenario(
      '<recv request="INVITE" crlf="true"/>', uasReply('180 Ringing'), '<pause milliseconds="1500"/>',
      uasReply('200 OK', 'Content-Type: application/sdp\n', AGENT_SDP), '<recv request="ACK"/>', '<recv request="BYE"/>', reply('200 OK'),
    ));
    const c = caller(12_000);
    const call = await bridged();
    const started = Date.now();
    expect(await command(call, { kind: 'group', groupId: ids.duo })).toEqual({ ok: true });
    // answered after ~1.5 s: lea was rung at the same time, not one after the other
    expect(Date.now() - started).toBeLessThan(6000);
    expect([...call.legs.values()][0].agentId).toBe(ids.max);
    const level = await echoed(call);
    const [cr, fr, lr, mr] = await Promise.all([c.done, first.done, lea.done, max.done]);
    for (const r of [cr, fr, lr, mr]) expect(sippOk(r)).toBe('ok');
    expect(level).toBeGreaterThan(300);
    const record = await finishedCall(call.id);
    const rows = record.legs.filter((l) => l.kind === 'transfer_cold').map((l) => [l.agentId, l.outcome]);
    expect(rows).toHaveLength(2);
    expect(rows).toEqual(expect.arrayContaining([[ids.lea, 'cancelled'], [ids.max, 'answered']]));
    const t = transfers(record);
    expect(t[0]).toMatchObject({ targetKind: 'group', groupId: ids.duo, strategy: 'simultaneous' });
    expect(t.map((d) => d.result)).toEqual(['started', 'answered']);
  }, 120_000);

  it('group nobody answers while the transferring agent is still on the call → back to that agent', async () => {
    const first = await agentPhone('hugo', answersThenBye());
    const kim = await agentPhone('kim', uasCancelled);
    const c = caller(14_000);
    const call = await bridged();
    const agentEndpoint = call.endpoint.bridgedTo;
    expect(await command(call, { kind: 'group', groupId: ids.support })).toMatchObject({ ok: false, status: 480 });
    expect(call.endpoint.bridgedTo).toBe(agentEndpoint);
    const level = await echoed(call);
    const [cr, fr, kr] = await Promise.all([c.done, first.done, kim.done]);
    for (const r of [cr, fr, kr]) expect(sippOk(r)).toBe('ok');
    expect(level).toBeGreaterThan(300);
    const record = await finishedCall(call.id);
    expect(transfers(record).map((d) => d.result)).toEqual(['started', 'no_answer', 'returned']);
    expect(record.legs.map((l) => [l.kind, l.agentId, l.outcome])).toEqual([['agent', ids.hugo, 'answered'], ['transfer_cold', ids.kim, 'no_answer']]);
    expect(await rt.prisma.voicemail.count({ where: { callId: call.id } })).toBe(0);
  }, 120_000);

  it('group nobody answers, the transferring agent hung up and does not answer again → message in the group mailbox', async () => {
    // The agent's phone hangs up while the group rings.
    const first = await agentPhone('hugo', answersThenHangsUp);
    const kim = await agentPhone('kim', uasCancelled);
    const c = runSipp(scenario(
      callerInvite(NUMBER, sdpAt(peer.port)), ...callerHead,
      '<recv response="200" rrs="true"><action><ereg regexp=".*" search_in="hdr" header="To:" assign_to="to"/></action></recv>', ack,
      '<recv request="INFO" timeout="60000"/>', // sent by the test once the mailbox records
      '<pause milliseconds="3500"/>',
      inDialogRequest('BYE', 2).replace('[last_To:]', 'To:[$to]'),
      '<recv response="200" crlf="true"/>',
    ), `127.0.0.1:${rt.edge.sipPort}`, ['-m', '1', '-cid_str', 'targets-vm-%u@%s'], { timeoutS: 90 });
    const call = await bridged();
    const result = await command(call, { kind: 'group', groupId: ids.support });
    expect(result).toMatchObject({ ok: false, status: 480 });
    await eventually(() => call.session?.state.step?.data.phase === 'recording', 'recording in the group mailbox', 40_000);
    expect(call.endpoint.bridgedTo).toBeNull();
    // tell the caller to speak, then to hang up
    const port = await sippPort(c);
    const sock = dgram.createSocket('udp4');
    await new Promise<void>((r) => sock.bind(0, '127.0.0.1', () => r()));
    const info = [
      `INFO sip:caller@127.0.0.1:${port} SIP/2.0`, `Via: SIP/2.0/UDP 127.0.0.1:${sock.address().port};branch=z9hG4bK-t-${Date.now()}`,
      'From: <sip:test@127.0.0.1>;tag=test', 'To: <sip:caller@127.0.0.1>;tag=caller', 'Call-ID: targets-vm-1@127.0.0.1',
      'CSeq: 1 INFO', 'Max-Forwards: 70', 'Content-Length: 0', '', '',
    ].join('\r\n');
    await new Promise<void>((resolve, reject) => sock.send(info, port, '127.0.0.1', (err) => (err ? reject(err) : resolve())));
    sock.close();
    await peer.sendAudio(call.endpoint, 'PCMU', synthesizeTone([440], 2000, -10), { realTime: true });
    const [cr, fr, kr] = await Promise.all([c.done, first.done, kim.done]);
    for (const r of [cr, fr, kr]) expect(sippOk(r)).toBe('ok');
    const record = await finishedCall(call.id);
    const vm = await eventually(() => rt.prisma.voicemail.findFirst({ where: { callId: call.id } }), 'voicemail row', 30_000);
    expect(vm).toMatchObject({ mailboxKind: 'group', groupId: ids.support, caller: '+33612345678' });
    expect(vm.durationMs).toBeGreaterThan(1000);
    expect(vm.audio.length).toBeGreaterThan(8000);
    const t = transfers(record);
    expect(t.map((d) => d.result)).toEqual(['started', 'no_answer', 'voicemail']);
    expect(t[0]).toMatchObject({ targetKind: 'group', groupId: ids.support, strategy: 'simultaneous' });
    expect(t[2]).toMatchObject({ groupId: ids.support });
    // kim rung for the group, then hugo rung again (nobody there any more)
    expect(record.legs.map((l) => [l.kind, l.agentId])).toEqual([['agent', ids.hugo], ['transfer_cold', ids.kim], ['transfer_return', ids.hugo]]);
    expect(record.legs[1].outcome).toBe('no_answer');
    expect(record.legs[2].outcome).not.toBe('answered');
    expect(record.events.some((e) => e.kind === 'voicemail' && (e.data as { groupId?: string }).groupId === ids.support)).toBe(true);
    expect(record.outcome).toBe('answered'); // an agent answered before the transfer
  }, 150_000);

  it('flow: another organisation or unpublished → 404 (caller stays); then the agent gets BYE and the caller hears the flow', async () => {
    const first = await agentPhone('hugo', answersThenBye());
    const c = callerUntilBye();
    const call = await bridged();
    const agentEndpoint = call.endpoint.bridgedTo;
    const foreign = await rt.prisma.flow.create({ data: { organizationId: ids.otherOrg, name: 'foreign' } });
    await rt.prisma.flowVersion.create({ data: { organizationId: ids.otherOrg, flowId: foreign.id, status: 'published', number: 1, document: flowDocument('x', [{ id: 'x', type: 'hangup', config: {} }], []) as object, publishedAt: new Date() } });
    const draft = await rt.prisma.flow.create({ data: { organizationId: rt.organizationId, name: 'draft only' } });
    expect(await command(call, { kind: 'flow', flowId: foreign.id })).toMatchObject({ ok: false, status: 404 });
    expect(await command(call, { kind: 'flow', flowId: draft.id })).toMatchObject({ ok: false, status: 404 });
    expect(await command(call, { kind: 'group', groupId: 'no-such-group' })).toMatchObject({ ok: false, status: 404 });
    expect(call.endpoint.bridgedTo).toBe(agentEndpoint);
    peer.clear();
    expect(await command(call, { kind: 'flow', flowId: ids.savFlow })).toEqual({ ok: true });
    const [cr, fr] = await Promise.all([c.done, first.done]);
    expect(sippOk(fr)).toBe('ok'); // the agent got BYE
    expect(sippOk(cr)).toBe('ok'); // the caller got the flow's BYE after its prompt
    const heard = rms(peer.receivedAudio('PCMU'));
    expect(heard).toBeGreaterThan(300);
    const record = await finishedCall(call.id);
    expect(record.events.some((e) => e.kind === 'flow-entered' && (e.data as { flowId?: string }).flowId === ids.savFlow)).toBe(true);
    expect(record.events.filter((e) => e.kind === 'node-entered').map((e) => e.nodeId)).toEqual(expect.arrayContaining(['sav-hello', 'sav-bye']));
    const t = transfers(record);
    expect(t.map((d) => [d.result, d.status ?? null])).toEqual([['refused', 404], ['refused', 404], ['refused', 404], ['started', null], ['entered', null]]);
    expect(t[4]).toMatchObject({ targetKind: 'flow', flowId: ids.savFlow });
    expect(record.legs.map((l) => [l.kind, l.outcome])).toEqual([['agent', 'answered']]);
    expect(record.legs[0].endedAt!.getTime()).toBeLessThan(record.endedAt!.getTime() - 1000);
    expect(record.outcome).toBe('answered');
  }, 120_000);

  it('REFER to one of our own numbers: the caller goes into that number\'s flow, nothing dialled out', async () => {
    const first = await agentPhone('hugo', scenario(
      ...agentAnswers,
      '<pause milliseconds="1500"/>',
      agentRequest('REFER', 103, 'Refer-To: <sip:0199000081@127.0.0.1>\nReferred-By: <sip:agent@[local_ip]>\n'),
      '<recv response="202"/>',
      '<recv request="NOTIFY"/>', reply('200 OK'),
      '<recv request="NOTIFY"><action><ereg regexp="SIP/2.0 200 OK" search_in="body" check_it="true" assign_to="frag"/></action></recv>',
      '<nop hide="true"><action><log message="[$frag]"/></action></nop>', reply('200 OK'),
      '<recv request="BYE"/>', reply('200 OK'),
    ));
    const c = callerUntilBye();
    const call = await bridged();
    const [cr, fr] = await Promise.all([c.done, first.done]);
    expect(sippOk(fr)).toBe('ok');
    expect(sippOk(cr)).toBe('ok');
    const record = await finishedCall(call.id);
    expect(record.events.some((e) => e.kind === 'node-entered' && e.nodeId === 'sav-hello')).toBe(true);
    const t = transfers(record);
    expect(t.map((d) => d.result)).toEqual(['started', 'entered']);
    expect(t[1]).toMatchObject({ by: 'agent-phone', targetKind: 'flow', flowId: ids.savFlow, number: SAV_NUMBER });
    expect(record.legs.map((l) => l.kind)).toEqual(['agent']);
  }, 120_000);

  it('contact with a forbidden number → 403, another organisation\'s contact → 404: the caller stays with the agent', async () => {
    const premium = await rt.prisma.contact.create({
      data: { organizationId: rt.organizationId, name: 'Voyance Plus', numbers: { create: [{ organizationId: rt.organizationId, position: 0, number: '08 99 12 34 56', canonical: contactCanonical('08 99 12 34 56')! }] } },
    });
    const foreign = await rt.prisma.contact.create({
      data: { organizationId: ids.otherOrg, name: 'Ailleurs', numbers: { create: [{ organizationId: ids.otherOrg, position: 0, number: '01 23 45 67 89', canonical: contactCanonical('01 23 45 67 89')! }] } },
    });
    const first = await agentPhone('hugo', answersThenBye());
    const c = caller(9000);
    const call = await bridged();
    const agentEndpoint = call.endpoint.bridgedTo;
    expect(await command(call, { kind: 'contact', contactId: premium.id })).toMatchObject({ ok: false, status: 403 });
    expect(await command(call, { kind: 'contact', contactId: foreign.id })).toMatchObject({ ok: false, status: 404 });
    expect(await command(call, { kind: 'group', groupId: (await rt.prisma.queueGroup.create({ data: { organizationId: ids.otherOrg, name: 'x' } })).id })).toMatchObject({ ok: false, status: 404 });
    // nobody of the group available (never registered): 480 at once, nothing rung
    const absent = await rt.prisma.agent.create({ data: { organizationId: rt.organizationId, name: 'absent', sipUsername: 'absent', sipRealm: 'relais.test', sipHa1: 'x', status: 'available' } });
    const empty = await rt.prisma.queueGroup.create({ data: { organizationId: rt.organizationId, name: 'Vide', members: { create: [{ agentId: absent.id, position: 0 }] } } });
    expect(await command(call, { kind: 'group', groupId: empty.id })).toMatchObject({ ok: false, status: 480 });
    const stranger = await rt.prisma.agent.create({ data: { organizationId: ids.otherOrg, name: 'zed', sipUsername: 'zed-other', sipRealm: 'other.test', sipHa1: 'x', status: 'available' } });
    expect(await command(call, { kind: 'agent', agentId: stranger.id })).toMatchObject({ ok: false, status: 404 });
    expect(call.endpoint.bridgedTo).toBe(agentEndpoint);
    const level = await echoed(call);
    const [cr, fr] = await Promise.all([c.done, first.done]);
    expect(sippOk(cr)).toBe('ok');
    expect(sippOk(fr)).toBe('ok');
    expect(level).toBeGreaterThan(300);
    const record = await finishedCall(call.id);
    expect(record.legs.map((l) => l.kind)).toEqual(['agent']);
    expect(transfers(record).map((d) => [d.result, d.status])).toEqual([['refused', 403], ['refused', 404], ['refused', 404], ['refused', 480], ['refused', 404]]);
  }, 120_000);

  it('contact not answered after the transferring agent hung up: nobody rings the agent back, the call ends', async () => {
    const contact = await rt.prisma.contact.create({
      data: { organizationId: rt.organizationId, name: 'Répondeur absent', numbers: { create: [{ organizationId: rt.organizationId, position: 0, number: '01 44 55 66 77', canonical: contactCanonical('01 44 55 66 77')! }] } },
    });
    const first = await agentPhone('hugo', answersThenHangsUp);
    const trunk = runSipp(uasCancelled, null, ['-m', '1'], { port: trunkPort, timeoutS: 60 });
    await waitForUdpListener(trunkPort);
    const c = callerUntilBye();
    const call = await bridged();
    expect(await command(call, { kind: 'contact', contactId: contact.id })).toMatchObject({ ok: false, status: 480 });
    const [cr, fr, tr] = await Promise.all([c.done, first.done, trunk.done]);
    for (const r of [cr, fr, tr]) expect(sippOk(r)).toBe('ok');
    const record = await finishedCall(call.id);
    expect(transfers(record).map((d) => d.result)).toEqual(['started', 'no_answer', 'lost']);
    expect(record.legs.map((l) => [l.kind, l.outcome])).toEqual([['agent', 'answered'], ['transfer_cold', 'no_answer']]);
    expect(record.legs[1].destination).toBe('+33144556677');
  }, 120_000);

  it('contact with an allowed number: dialled through the trunk, the caller bridged to it', async () => {
    const contact = await rt.prisma.contact.create({
      data: {
        organizationId: rt.organizationId, name: 'Cabinet Martin',
        numbers: { create: [{ organizationId: rt.organizationId, position: 0, label: 'standard', number: '01 23 45 67 89', canonical: contactCanonical('01 23 45 67 89')! }] },
      },
    });
    const first = await agentPhone('hugo', answersThenBye());
    const trunk = await trunkAnswers(trunkPort, '+33123456789');
    const c = caller(12_000);
    const call = await bridged();
    expect(await command(call, { kind: 'contact', contactId: contact.id })).toEqual({ ok: true });
    const leg = [...call.legs.values()][0];
    expect(leg.agentId).toBeNull();
    expect(call.endpoint.bridgedTo).toBe(leg.endpoint);
    const level = await echoed(call);
    const [cr, fr, tr] = await Promise.all([c.done, first.done, trunk.done]);
    for (const r of [cr, fr, tr]) expect(sippOk(r)).toBe('ok');
    expect(level).toBeGreaterThan(300);
    const record = await finishedCall(call.id);
    expect(record.legs.find((l) => l.kind === 'transfer_cold')).toMatchObject({ agentId: null, destination: '+33123456789', outcome: 'answered' });
    const t = transfers(record);
    expect(t.map((d) => d.result)).toEqual(['started', 'answered']);
    expect(t[1]).toMatchObject({ targetKind: 'contact', contactId: contact.id, contactName: 'Cabinet Martin', number: '+33123456789' });
  }, 120_000);
});
