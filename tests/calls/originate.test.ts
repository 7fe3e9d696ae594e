// Outgoing calls from the console (issue 14, C3) with a real runtime, SIPp phones and a SIPp trunk:
// - POST /api/agent/me/calls's function (app/lib/agent-console/originate-call.ts) writes an
//   `originate` command that the runtime's command channel claims; the agent's phone rings first
//   (From shows the contact's name and number) and the API answers with the call id; once the agent
//   answered, the trunk gets the INVITE from the group's number (the number whose flow rings the
//   group, not the oldest one); audio goes both ways (a tone echoed by the trunk's SIPp); hold,
//   resume and hangup commands reach the call; the records say who, what and when; the consoles
//   see it live (relais_live, LiveCall row): direction outbound, the group's number, the contact,
//   ringing (agent ringing, then agent talking while the customer rings) → talking → held →
//   talking (recording on, then off) → call.ended, the row deleted;
// - a forbidden number: 403 FORBIDDEN_DESTINATION, neither the phone nor the trunk gets anything;
// - an agent without a registered phone: AGENT_UNAVAILABLE;
// - the customer busy: the agent's phone gets a BYE, the call's outcome is busy.
import pg from 'pg';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { poolConfigFromUrl } from '@/prisma/database-url';
import { startCommandChannel, type CommandChannel } from '@/flow-runtime/calls/command-channel';
import { originateHandler } from '@/flow-runtime/calls/originate';
import { groupLine } from '@/flow-runtime/calls/originate/group-line';
import { originateCall } from '@/app/lib/agent-console/originate-call';
import { sendCallCommand } from '@/app/lib/calls/send-call-command';
import { ApiError } from '@/app/lib/api/errors';
import { freeUdpPort, runSipp, sippOk, waitForUdpListener } from '../sip-edge/helpers';
import { reply, scenario, uasBusy, uasCancelled, uasReply } from '../sip-edge/scenarios';
import { RtpPeer } from '../media/support/rtp-peer';
import { AGENT_SDP, createAgent, eventually, flowDocument, publishFlow, registerAgent, startRuntime, type Runtime } from './support';
import { echoThrough, loopbackTrunk, sdpAt, silentListener, trunkAnswers, uasBye } from './phone-support';
import { rms } from '../media/support/tones';
import { toneShare } from '../support/baresip';
import { synthesizeTone } from '@/flow-runtime/media/tones';
import wavefile from 'wavefile';
import type { LiveCallView } from '@/flow-runtime/live';

let rt: Runtime;
let channel: CommandChannel;
let agentPeer: RtpPeer;
let trunkPort: number;
let lea: { id: string };
let user: { id: string; organizationId: string; role: 'agent' };
let groupId: string;
let contactId: string;
let soundId: string;
let customerPeer: RtpPeer;
let listener: pg.Client;
const events: { t: string; o: string; a: string[]; d: LiveCallView & { outcome?: string } }[] = [];

async function linkedUser(agentId: string) {
  const id = randomUUID();
  await rt.prisma.user.create({ data: { id, name: `u-${id.slice(0, 4)}`, email: `${id}@relais.test`, organizationId: rt.organizationId, role: 'agent' } });
  await rt.prisma.agent.update({ where: { id: agentId }, data: { userId: id } });
  return { id, organizationId: rt.organizationId, role: 'agent' as const };
}

beforeAll(async () => {
  trunkPort = await freeUdpPort();
  rt = await startRuntime({
    trunk: loopbackTrunk(trunkPort),
  });
  channel = startCommandChannel({
    connection: poolConfigFromUrl(rt.databaseUrl), prisma: rt.prisma, active: rt.calls.active,
    originate: originateHandler(rt.calls.services, { agentRingMs: 8000, customerRingMs: 8000 }),
  });
  await eventually(() => channel.listening, 'command channel listening');
  agentPeer = await RtpPeer.create();
  customerPeer = await RtpPeer.create();
  // the group's hold music: a 1100 Hz tone (none of the built-in melody's notes), set on the queue-group step of the group's flow
  const wav = new wavefile.WaveFile();
  wav.fromScratch(1, 8000, '16', Array.from(synthesizeTone([1100], 2000, -10)));
  soundId = (await rt.prisma.sound.create({ data: { organizationId: rt.organizationId, name: 'Attente ventes', data: Buffer.from(wav.toBuffer()), durationMs: 2000 } })).id;
  lea = await createAgent(rt, 'lea');
  await rt.prisma.agent.update({ where: { id: lea.id }, data: { extension: '301' } });
  user = await linkedUser(lea.id);
  const group = await rt.prisma.queueGroup.create({ data: { organizationId: rt.organizationId, name: 'Ventes', members: { create: [{ agentId: lea.id, position: 0 }] } } });
  groupId = group.id;
  // the oldest number's flow does not ring the group; the second one's does: its number is presented
  await publishFlow(rt, '+33199000070', flowDocument('bye', [{ id: 'bye', type: 'hangup', config: {} }], []));
  await new Promise((r) => setTimeout(r, 20));
  await publishFlow(rt, '+33199000071', flowDocument('sales', [
    { id: 'sales', type: 'queue-group', config: { groupId, strategy: 'simultaneous', ringTimeSeconds: 20, holdMusicSoundId: soundId } },
    { id: 'bye', type: 'hangup', config: {} },
  ], [['sales', 'no_answer', 'bye']]));
  await rt.prisma.forbiddenList.create({ data: { organizationId: rt.organizationId, name: 'Premium', entries: { create: [{ kind: 'prefix', pattern: '0899' }] } } });
  const contact = await rt.prisma.contact.create({
    data: { organizationId: rt.organizationId, name: 'Dupont Transports', numbers: { create: [{ organizationId: rt.organizationId, position: 0, number: '01 23 45 67 89', canonical: '+33123456789' }] } },
  });
  contactId = contact.id;
  listener = new pg.Client({ connectionString: rt.databaseUrl });
  await listener.connect();
  listener.on('notification', (m) => {
    if (m.channel === 'relais_live' && m.payload) events.push(JSON.parse(m.payload));
  });
  await listener.query('LISTEN relais_live');
}, 60_000);

afterAll(async () => {
  await listener?.end();
  await channel?.close();
  await agentPeer?.close();
  await customerPeer?.close();
  await rt?.stop();
});

/** Lea's phone: checks the From (the customer), rings a moment, answers with its media at agentPeer, waits for Relais's BYE. */
async function leaPhone(fromPattern: string) {
  const port = await freeUdpPort();
  await registerAgent(rt, 'lea', port);
  const run = runSipp(scenario(
    `<recv request="INVITE" crlf="true"><action><ereg regexp="${fromPattern}" search_in="hdr" header="From:" check_it="true" assign_to="from"/></action></recv>`,
    '<nop hide="true"><action><log message="[$from]"/></action></nop>',
    uasReply('180 Ringing'),
    '<pause milliseconds="800"/>',
    uasReply('200 OK', 'Content-Type: application/sdp\n', sdpAt(agentPeer.port, 'agent')),
    '<recv request="ACK"/>',
    '<recv request="BYE"/>',
    reply('200 OK'),
  ), null, ['-m', '1'], { port, timeoutS: 60 });
  await waitForUdpListener(port);
  return run;
}

async function callRow(callId: string) {
  await rt.recorder.flush(10_000);
  return rt.prisma.call.findUnique({ where: { id: callId }, include: { legs: { orderBy: { startedAt: 'asc' } }, events: { orderBy: { seq: 'asc' } } } });
}

describe('outgoing calls from the console', () => {
  it("rings the agent's phone first (showing the contact), then the customer from the group's number; audio both ways; commands; records", async () => {
    const phone = await leaPhone('Dupont Transports.*sip:\\+33123456789@');
    const trunk = await trunkAnswers(trunkPort, '+33123456789', { from: '+33199000071', timeoutS: 60 });

    const { callId } = await originateCall(user, { to: { contactId }, groupId }, { prisma: rt.prisma });
    // answered as soon as the phone rang: the agent has not answered yet, the trunk got nothing
    const live = rt.calls.active.get(callId);
    expect(live?.origin).toMatchObject({ kind: 'outbound', agentId: lea.id, groupId, number: '+33123456789', contactName: 'Dupont Transports' });
    expect([...live!.legs.values()][0].state).not.toBe('answered');

    const call = await eventually(() => (live!.endpoint.bridgedTo ? live : null), 'customer bridged to the agent', 30_000);
    // the LiveCall row a reconnecting console reads
    const liveRow = await eventually(async () => {
      const r = await rt.prisma.liveCall.findUnique({ where: { callId } });
      return r && (r.view as unknown as LiveCallView).state === 'talking' ? r : null;
    }, 'LiveCall row while talking', 10_000);
    expect(liveRow.agentIds).toEqual([lea.id]);
    expect(liveRow.view).toMatchObject({
      callId, organizationId: rt.organizationId, direction: 'outbound', entryNumber: '+33199000071', caller: '+33123456789',
      contactName: 'Dupont Transports', group: { id: groupId, name: 'Ventes', color: expect.stringMatching(/^#[0-9a-f]{6}$/i) },
      agents: [{ agentId: lea.id, role: 'talking' }], path: [], recording: false,
    });
    expect(Date.parse((liveRow.view as unknown as LiveCallView).answeredAt!)).toBeGreaterThan(Date.parse((liveRow.view as unknown as LiveCallView).startedAt));
    const agentLeg = [...call!.legs.values()][0];
    // the agent's tone goes to the customer (the trunk's SIPp echoes it) and comes back
    expect(await echoThrough(agentPeer, agentLeg.endpoint!)).toBeGreaterThan(300);

    await sendCallCommand(user, callId, { type: 'hold' }, { prisma: rt.prisma });
    expect(call!.endpoint.bridgedTo).toBeNull();
    await sendCallCommand(user, callId, { type: 'resume' }, { prisma: rt.prisma });
    expect(call!.endpoint.bridgedTo).toBe(agentLeg.endpoint);
    // recording works as on any call: both parties in one WAV, a CallRecording row
    await sendCallCommand(user, callId, { type: 'recordStart' }, { prisma: rt.prisma });
    expect(await echoThrough(agentPeer, agentLeg.endpoint!)).toBeGreaterThan(300);
    const stopped = await sendCallCommand(user, callId, { type: 'recordStop' }, { prisma: rt.prisma });
    await sendCallCommand(user, callId, { type: 'hangup' }, { prisma: rt.prisma });

    const [pr, tr] = await Promise.all([phone.done, trunk.done]);
    expect(sippOk(pr)).toBe('ok');
    expect(sippOk(tr)).toBe('ok');
    const row = await eventually(async () => { const c = await callRow(callId); return c?.endedAt && c.legs.every((l) => l.endedAt) ? c : null; }, 'call ended in the records');
    expect(row).toMatchObject({ flowVersionId: null, caller: '301', callee: '+33123456789', entryNumber: '+33199000071', outcome: 'answered' });
    expect(row.legs.map((l) => [l.kind, l.agentId, l.destination, l.outcome])).toEqual([
      ['agent', lea.id, `agent:${lea.id}`, 'answered'],
      ['outbound', null, '+33123456789', 'answered'],
    ]);
    // the customer was dialled only once the agent had answered
    expect(row.legs[1].startedAt.getTime()).toBeGreaterThanOrEqual(row.legs[0].answeredAt!.getTime());
    // summary (issue 15): placed for the group (no queue, no wait), the agent's talk from the customer's answer
    expect(row).toMatchObject({ groupId, agentId: lea.id, agentIds: [lea.id], queuedAt: null, waitMs: null, flowId: null });
    expect(row.agentAnsweredAt!.getTime()).toBeGreaterThanOrEqual(row.legs[1].startedAt.getTime());
    expect(row.talkMs).toBe(row.endedAt!.getTime() - row.agentAnsweredAt!.getTime());
    const started = row.events.find((e) => e.kind === 'originate');
    expect(started?.data).toMatchObject({ result: 'started', agentId: lea.id, groupId, number: '+33123456789', contactId, contactName: 'Dupont Transports', callerId: '+33199000071', requestedById: user.id });
    expect(row.events.map((e) => e.kind)).toEqual(expect.arrayContaining(['hold', 'resume', 'hangup']));
    expect(rt.calls.active.has(callId)).toBe(false);
    const recording = await eventually(async () => { await rt.recorder.flush(10_000); return rt.prisma.callRecording.findUnique({ where: { id: stopped.detail! } }); }, 'recording row');
    expect(recording).toMatchObject({ callId, organizationId: rt.organizationId, startedBy: 'command', startedByUserId: user.id });
    expect(recording.durationMs).toBeGreaterThan(500);

    // what the consoles saw, in order
    await eventually(() => events.some((e) => e.t === 'call.ended' && e.d.callId === callId), 'call.ended', 10_000);
    const mine = events.filter((e) => e.d.callId === callId);
    for (const e of mine) expect(e).toMatchObject({ o: rt.organizationId, a: expect.arrayContaining([lea.id]) });
    const updates = mine.filter((e) => e.t === 'call.updated').map((e) => e.d);
    const states = updates.map((v) => v.state).filter((st, i, all) => i === 0 || all[i - 1] !== st);
    expect(states).toEqual(['ringing', 'talking', 'held', 'talking']);
    // the agent's phone rings, then the agent waits (talking) while the customer rings
    const roles = updates.filter((v) => v.state === 'ringing').map((v) => v.agents);
    expect(roles[0]).toEqual([{ agentId: lea.id, role: 'ringing' }]);
    expect(roles[roles.length - 1]).toEqual([{ agentId: lea.id, role: 'talking' }]);
    expect(updates.filter((v) => v.state === 'ringing').every((v) => v.answeredAt === null)).toBe(true);
    expect(updates.find((v) => v.state === 'held')!.agents).toEqual([{ agentId: lea.id, role: 'held' }]);
    expect(updates.map((v) => v.recording).filter((x, i, all) => i === 0 || all[i - 1] !== x)).toEqual([false, true, false]);
    expect(mine[mine.length - 1]).toMatchObject({ t: 'call.ended', d: { callId, outcome: 'answered' } });
    await eventually(async () => (await rt.prisma.liveCall.count({ where: { callId } })) === 0, 'LiveCall row deleted', 10_000);
  }, 90_000);

  it("the group's line: the number whose flow rings the group, else the oldest number", async () => {
    expect(await groupLine(rt.prisma, rt.calls.services.flows, rt.organizationId, groupId)).toEqual({ callerId: '+33199000071', holdMusicSoundId: soundId });
    const other = await rt.prisma.queueGroup.create({ data: { organizationId: rt.organizationId, name: 'Compta' } });
    expect(await groupLine(rt.prisma, rt.calls.services.flows, rt.organizationId, other.id)).toEqual({ callerId: '+33199000070', holdMusicSoundId: null });
  });

  it("hold from the console: the customer hears the group's hold music, then the agent again", async () => {
    const phone = await leaPhone('sip:\\+33123456789@');
    const trunk = runSipp(scenario(
      '<recv request="INVITE" crlf="true"/>',
      uasReply('180 Ringing'),
      uasReply('200 OK', 'Content-Type: application/sdp\n', sdpAt(customerPeer.port, 'customer')),
      '<recv request="ACK"/>',
      '<recv request="BYE"/>',
      reply('200 OK'),
    ), null, ['-m', '1'], { port: trunkPort, timeoutS: 60 });
    await waitForUdpListener(trunkPort);
    const { callId } = await originateCall(user, { to: { number: '0123456789' }, groupId }, { prisma: rt.prisma });
    const call = await eventually(() => { const c = rt.calls.active.get(callId); return c?.endpoint.bridgedTo ? c : null; }, 'bridged', 30_000);
    await sendCallCommand(user, callId, { type: 'hold' }, { prisma: rt.prisma });
    customerPeer.clear();
    await eventually(() => customerPeer.received.length >= 75, 'hold music to the customer');
    const music = customerPeer.receivedAudio('PCMU').subarray(-4000);
    expect(rms(music)).toBeGreaterThan(300);
    expect(toneShare(music, 1100)).toBeGreaterThan(0.5);
    await sendCallCommand(user, callId, { type: 'resume' }, { prisma: rt.prisma });
    expect(call.endpoint.bridgedTo).not.toBeNull();
    await sendCallCommand(user, callId, { type: 'hangup' }, { prisma: rt.prisma });
    const [pr, tr] = await Promise.all([phone.done, trunk.done]);
    expect(sippOk(pr)).toBe('ok');
    expect(sippOk(tr)).toBe('ok');
  }, 60_000);

  it('a forbidden number: 403 FORBIDDEN_DESTINATION, nothing rings', async () => {
    const phonePort = await freeUdpPort();
    await registerAgent(rt, 'lea', phonePort);
    const phone = await silentListener(phonePort);
    const trunk = await silentListener(trunkPort);
    try {
      const err = await originateCall(user, { to: { number: '08 99 12 34 56' }, groupId }, { prisma: rt.prisma }).catch((e) => e);
      expect(err).toBeInstanceOf(ApiError);
      expect(err).toMatchObject({ code: 'FORBIDDEN_DESTINATION', status: 403 });
      await new Promise((r) => setTimeout(r, 500));
      expect(phone.got).toEqual([]);
      expect(trunk.got).toEqual([]);
    } finally {
      await phone.close();
      await trunk.close();
    }
  }, 30_000);

  it('an agent without a registered phone: AGENT_UNAVAILABLE (SIP 480)', async () => {
    const noe = await createAgent(rt, 'noe');
    const noeUser = await linkedUser(noe.id);
    const err = await originateCall(noeUser, { to: { number: '0123456789' }, groupId }, { prisma: rt.prisma }).catch((e) => e);
    expect(err).toMatchObject({ code: 'AGENT_UNAVAILABLE', status: 409 });
    expect(err.details).toMatchObject({ status: 480 });
  }, 30_000);

  it("the customer busy: the agent's phone gets a BYE, the call's outcome is busy", async () => {
    const phone = await leaPhone('sip:\\+33123456789@');
    const trunk = runSipp(uasBusy, null, ['-m', '1'], { port: trunkPort, timeoutS: 30 });
    await waitForUdpListener(trunkPort);
    const { callId } = await originateCall(user, { to: { number: '01 23 45 67 89' }, groupId }, { prisma: rt.prisma });
    const [pr, tr] = await Promise.all([phone.done, trunk.done]);
    expect(sippOk(pr)).toBe('ok');
    expect(sippOk(tr)).toBe('ok');
    const row = await eventually(async () => { const c = await callRow(callId); return c?.endedAt ? c : null; }, 'call ended');
    expect(row.outcome).toBe('busy');
    expect(row.legs.map((l) => [l.kind, l.outcome])).toEqual([['agent', 'answered'], ['outbound', 'busy']]);
    // the consoles saw it ring, then end busy; no row left
    await eventually(() => events.some((e) => e.t === 'call.ended' && e.d.callId === callId), 'call.ended', 10_000);
    const mine = events.filter((e) => e.d.callId === callId);
    expect(mine.filter((e) => e.t === 'call.updated').every((e) => e.d.state === 'ringing' && e.d.answeredAt === null)).toBe(true);
    expect(mine[mine.length - 1]).toMatchObject({ t: 'call.ended', a: [lea.id], d: { outcome: 'busy' } });
    expect(await rt.prisma.liveCall.count({ where: { callId } })).toBe(0);
  }, 60_000);

  it('the agent hangs up while the customer rings: CANCEL to the trunk, outcome cancelled', async () => {
    const port = await freeUdpPort();
    await registerAgent(rt, 'lea', port);
    const phone = runSipp(scenario(
      '<recv request="INVITE" crlf="true" rrs="true"><action><ereg regexp=".*" search_in="hdr" header="From:" assign_to="from"/><ereg regexp="[^;]*" search_in="hdr" header="To:" assign_to="to"/></action></recv>',
      uasReply('180 Ringing'),
      uasReply('200 OK', 'Content-Type: application/sdp\n', AGENT_SDP),
      '<recv request="ACK"/>',
      '<pause milliseconds="1500"/>',
      uasBye,
      '<recv response="200"/>',
    ), null, ['-m', '1'], { port, timeoutS: 30 });
    await waitForUdpListener(port);
    const trunk = runSipp(uasCancelled, null, ['-m', '1'], { port: trunkPort, timeoutS: 30 });
    await waitForUdpListener(trunkPort);
    const { callId } = await originateCall(user, { to: { number: '+33123456789' }, groupId }, { prisma: rt.prisma });
    const [pr, tr] = await Promise.all([phone.done, trunk.done]);
    expect(sippOk(pr)).toBe('ok');
    expect(sippOk(tr)).toBe('ok');
    const row = await eventually(async () => { const c = await callRow(callId); return c?.endedAt && c.legs.every((l) => l.endedAt) ? c : null; }, 'call ended');
    expect(row.outcome).toBe('cancelled');
    expect(row.answeredAt).toBeNull();
    expect(row.legs.map((l) => [l.kind, l.outcome])).toEqual([['agent', 'answered'], ['outbound', 'cancelled']]);
  }, 60_000);
});
