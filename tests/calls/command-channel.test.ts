// The command channel (issue 13 items 5 and 6) with a real runtime, SIPp phones and in-test RTP:
// - the admin's sendCallCommand (app/lib/calls: a CallCommand row + NOTIFY) reaches the runtime
//   holding the call: hold (the caller hears hold music, RMS), resume (bridge back), hangup (BYE);
// - recordStart / recordStop during a bridged call: a CallRecording whose WAV holds the caller's
//   1000 Hz tone AND the agent's 600 Hz tone; a recording running when the call ends is kept;
//   who may list and hear them (agent on the call, supervisor: yes; another agent: 404);
// - no runtime holds the call → the command expires (504 COMMAND_EXPIRED, row `expired`);
// - a command sent while the channel was down is picked up when it listens again;
// - the runtime stopped and started again on the same database: a command on a new call works.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import wavefile from 'wavefile';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { poolConfigFromUrl } from '@/prisma/database-url';
import { startCommandChannel, type CommandChannel } from '@/flow-runtime/calls/command-channel';
import { synthesizeTone } from '@/flow-runtime/media/tones';
import { sendCallCommand } from '@/app/lib/calls/send-call-command';
import { getRecordingAudio, listCallRecordings } from '@/app/lib/calls/call-recordings';
import { ApiError } from '@/app/lib/api/errors';
import { sippOk } from '../sip-edge/helpers';
import { RtpPeer } from '../media/support/rtp-peer';
import { toneLevel } from '../media/support/tones';
import { createAgent, eventually, flowDocument, publishFlow, startRuntime, type Runtime } from './support';
import { agentPhone as phoneOf, answersThenBye, callerUntilBye, heardLevel, sdpAt } from './phone-support';

let rt: Runtime;
let channel: CommandChannel;
let peer: RtpPeer;
let agentPeer: RtpPeer;
let supervisor: { id: string; organizationId: string; role: 'supervisor' };

async function userIn(runtime: Runtime, role: 'admin' | 'supervisor' | 'agent') {
  const id = randomUUID();
  await runtime.prisma.user.create({ data: { id, name: `${role}-${id.slice(0, 4)}`, email: `${id}@relais.test`, organizationId: runtime.organizationId, role } });
  return { id, organizationId: runtime.organizationId, role };
}

/** A runtime with its command channel, an agent (linked to a user) and a flow ringing them. */
async function setUp(number: string, agentName: string, databaseName?: string) {
  const runtime = await startRuntime({ keepDatabase: true, databaseName });
  const ch = startCommandChannel({ connection: poolConfigFromUrl(runtime.databaseUrl), prisma: runtime.prisma, active: runtime.calls.active });
  await eventually(() => ch.listening, 'command channel listening');
  const agent = await createAgent(runtime, agentName);
  const agentUser = await userIn(runtime, 'agent');
  await runtime.prisma.agent.update({ where: { id: agent.id }, data: { userId: agentUser.id } });
  const group = await runtime.prisma.queueGroup.create({ data: { organizationId: runtime.organizationId, name: 'Support', members: { create: [{ agentId: agent.id, position: 0 }] } } });
  await publishFlow(runtime, number, flowDocument('agents', [
    { id: 'agents', type: 'queue-group', config: { groupId: group.id, strategy: 'simultaneous', ringTimeSeconds: 30 } },
    { id: 'bye', type: 'hangup', config: {} },
  ], [['agents', 'no_answer', 'bye']]));
  return { runtime, ch, agent, agentUser };
}

let first: Awaited<ReturnType<typeof setUp>>;

beforeAll(async () => {
  first = await setUp('+33199000080', 'claire');
  rt = first.runtime;
  channel = first.ch;
  peer = await RtpPeer.create();
  agentPeer = await RtpPeer.create();
  supervisor = (await userIn(rt, 'supervisor')) as typeof supervisor;
});

afterAll(async () => {
  await channel?.close();
  await peer?.close();
  await agentPeer?.close();
  await rt?.stop();
  // both runtimes kept the database (the restart test takes it over): drop it now
  if (rt) {
    const admin = new pg.Client({ connectionString: process.env.TEST_PG_URL || 'postgresql://postgres@127.0.0.1:5432/postgres' });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${rt.databaseName}" WITH (FORCE)`).catch(() => undefined);
    await admin.end();
  }
});

/** The agent's phone: answers with its media at `agentPeer` (or SIPp's echo), then waits for the BYE. */
function agentPhone(runtime: Runtime, username: string, media: 'peer' | 'echo') {
  const sdp = media === 'peer' ? sdpAt(agentPeer.port, 'agent') : sdpAt(0, 'agent').replace('m=audio 0', 'm=audio [auto_media_port]');
  return phoneOf(runtime, username, answersThenBye(sdp), { echo: media === 'echo' });
}

/** The caller: media at `peer`; the call ends with Relais's BYE (a hangup command). */
const caller = (runtime: Runtime, number: string) => callerUntilBye(runtime, number, sdpAt(peer.port, 'caller'));

async function bridgedCall(runtime: Runtime) {
  const call = await eventually(() => { const x = [...runtime.calls.active.values()][0]; return x?.endpoint.bridgedTo ? x : null; }, 'bridged to the agent', 30_000);
  // the admin checks the Call row and the agent's leg (written through the records outbox)
  await runtime.recorder.flush(10_000);
  await eventually(() => runtime.prisma.callLeg.findFirst({ where: { callId: call.id, answeredAt: { not: null } } }), 'answered leg row');
  return call;
}

const heard = (packets = 100) => heardLevel(peer, packets);

const send = (runtime: Runtime, user: { id: string; organizationId: string; role: 'admin' | 'supervisor' | 'agent' }, callId: string, type: string, extra: Record<string, unknown> = {}) =>
  sendCallCommand(user, callId, { type, ...extra }, { prisma: runtime.prisma });

describe('command channel', () => {
  it('hold, resume and hangup sent by the admin reach the runtime holding the call', async () => {
    const phone = await agentPhone(rt, 'claire', 'echo');
    const c = caller(rt, '+33199000080');
    const call = await bridgedCall(rt);
    const bridgedRms = await heard(50);

    const hold = await send(rt, supervisor, call.id, 'hold');
    expect(hold).toMatchObject({ status: 'done', type: 'hold', callId: call.id });
    expect(call.endpoint.bridgedTo).toBeNull();
    const held = await heard(100);

    // the agent may command the call they are bridged to
    await send(rt, first.agentUser, call.id, 'resume');
    expect(call.endpoint.bridgedTo).not.toBeNull();
    // a second resume is refused by the call itself: 409 COMMAND_REFUSED with the runtime's reason
    const refused = await send(rt, supervisor, call.id, 'resume').catch((e: ApiError) => e);
    expect(refused).toBeInstanceOf(ApiError);
    expect(refused).toMatchObject({ code: 'COMMAND_REFUSED', status: 409, details: { status: 409, reason: 'the call is not on hold' } });

    await send(rt, supervisor, call.id, 'hangup');
    const [cr, pr] = await Promise.all([c.done, phone.done]);
    expect(sippOk(cr)).toBe('ok');
    expect(sippOk(pr)).toBe('ok');
    expect(bridgedRms).toBeLessThan(100); // the agent's phone echoes the caller, who sends nothing
    expect(held).toBeGreaterThan(300);

    const rows = await rt.prisma.callCommand.findMany({ where: { callId: call.id }, orderBy: { createdAt: 'asc' } });
    expect(rows.map((r) => [r.type, r.status])).toEqual([['hold', 'done'], ['resume', 'done'], ['resume', 'failed'], ['hangup', 'done']]);
    expect(rows[0]).toMatchObject({ requestedById: supervisor.id, result: { ok: true } });
    expect(rows[1].requestedById).toBe(first.agentUser.id);
    await rt.recorder.flush(10_000);
    const events = await rt.prisma.callEvent.findMany({ where: { callId: call.id, kind: { in: ['hold', 'resume'] } }, orderBy: { seq: 'asc' } });
    expect(events.map((e) => [e.kind, (e.data as { by: string; userId: string }).by, (e.data as { userId: string }).userId])).toEqual([['hold', 'command', supervisor.id], ['resume', 'command', first.agentUser.id]]);
    const audit = await rt.prisma.auditLog.findMany({ where: { entityType: 'call', entityId: call.id }, orderBy: { createdAt: 'asc' } });
    expect(audit.map((a) => [a.action, (a.details as { type: string }).type])).toEqual([['call.command', 'hold'], ['call.command', 'resume'], ['call.command', 'resume'], ['call.command', 'hangup']]);
  }, 120_000);

  it('recordStart / recordStop record both parties into one WAV; a recording running at the end of the call is kept; access rules', async () => {
    const phone = await agentPhone(rt, 'claire', 'peer');
    const c = caller(rt, '+33199000080');
    const call = await bridgedCall(rt);
    const leg = [...call.legs.values()][0];

    await send(rt, supervisor, call.id, 'recordStart');
    await expect(send(rt, supervisor, call.id, 'recordStart')).rejects.toMatchObject({ code: 'COMMAND_REFUSED' });
    // both talk at once for 1.5 s: the caller at 1000 Hz, the agent at 600 Hz
    await Promise.all([
      peer.sendAudio(call.endpoint, 'PCMU', synthesizeTone([1000], 1500, -12), { realTime: true }),
      agentPeer.sendAudio(leg.endpoint!, 'PCMU', synthesizeTone([600], 1500, -12), { realTime: true, startTimestamp: 50_000 }),
    ]);
    const stopped = await send(rt, first.agentUser, call.id, 'recordStop');
    expect(stopped.detail).toEqual(expect.any(String));

    // a second recording, still running when the call ends
    await send(rt, supervisor, call.id, 'recordStart');
    await peer.sendAudio(call.endpoint, 'PCMU', synthesizeTone([1000], 600, -12), { realTime: true });
    await send(rt, supervisor, call.id, 'hangup');
    const [cr, pr] = await Promise.all([c.done, phone.done]);
    expect(sippOk(cr)).toBe('ok');
    expect(sippOk(pr)).toBe('ok');

    await eventually(async () => { await rt.recorder.flush(10_000); return (await rt.prisma.callRecording.count({ where: { callId: call.id } })) === 2; }, 'two recordings stored');
    const recordings = await rt.prisma.callRecording.findMany({ where: { callId: call.id }, orderBy: { startedAt: 'asc' } });
    expect(recordings[0]).toMatchObject({ id: stopped.detail, agentId: first.agent.id, startedBy: 'command', startedByUserId: supervisor.id, endReason: 'stopped', organizationId: rt.organizationId });
    expect(recordings[1]).toMatchObject({ endReason: 'call_ended' });
    expect(recordings[1].durationMs).toBeGreaterThan(400);
    const wav = new wavefile.WaveFile(Buffer.from(recordings[0].audio));
    const pcm = wav.getSamples(false, Int16Array) as unknown as Int16Array;
    expect((wav.fmt as { sampleRate: number }).sampleRate).toBe(8000);
    expect(recordings[0].durationMs).toBeGreaterThan(1300);
    const callerLevel = toneLevel(pcm, 1000);
    const agentLevel = toneLevel(pcm, 600);
    expect(callerLevel).toBeGreaterThan(500);
    expect(agentLevel).toBeGreaterThan(500);
    expect(toneLevel(pcm, 1700)).toBeLessThan(Math.min(callerLevel, agentLevel) / 5);

    const events = await rt.prisma.callEvent.findMany({ where: { callId: call.id, kind: 'recording' }, orderBy: { seq: 'asc' } });
    expect(events.map((e) => (e.data as { action: string }).action)).toEqual(['started', 'stopped', 'started', 'stopped']);
    expect(events[1].data).toMatchObject({ by: 'command', userId: first.agentUser.id, reason: 'stopped', recordingId: stopped.detail });
    expect(events[3].data).toMatchObject({ by: 'system', reason: 'call_ended', recordingId: recordings[1].id });

    // who may see them: the agent who took the call and a supervisor yes, another agent 404
    const other = await userIn(rt, 'agent');
    const otherAgent = await createAgent(rt, `other-${other.id.slice(0, 4)}`);
    await rt.prisma.agent.update({ where: { id: otherAgent.id }, data: { userId: other.id } });
    expect((await listCallRecordings(first.agentUser, call.id, rt.prisma)).recordings.map((r) => r.id)).toEqual(recordings.map((r) => r.id));
    expect((await listCallRecordings(supervisor, call.id, rt.prisma)).recordings).toHaveLength(2);
    expect((await getRecordingAudio(first.agentUser, recordings[0].id, rt.prisma)).data.length).toBe(recordings[0].audio.length);
    await expect(listCallRecordings(other, call.id, rt.prisma)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(getRecordingAudio(other, recordings[0].id, rt.prisma)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    // and commands on a call that ended
    await expect(send(rt, supervisor, call.id, 'hold')).rejects.toMatchObject({ code: 'CALL_NOT_LIVE' });
  }, 120_000);

  it('a command for a call no runtime holds expires: 504 COMMAND_EXPIRED, row expired', async () => {
    const version = await rt.prisma.flowVersion.findFirstOrThrow({ where: { organizationId: rt.organizationId } });
    const ghost = await rt.prisma.call.create({ data: { organizationId: rt.organizationId, sipCallId: 'ghost', entryNumber: '+33199000080', callee: '+33199000080', flowVersionId: version.id } });
    const started = Date.now();
    const err = await sendCallCommand(supervisor, ghost.id, { type: 'hold' }, { prisma: rt.prisma, claimTimeoutMs: 1000 }).catch((e: ApiError) => e);
    expect(err).toMatchObject({ code: 'COMMAND_EXPIRED', status: 504, details: { messageKey: 'calls.commandErrors.expired' } });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(await rt.prisma.callCommand.findFirst({ where: { callId: ghost.id } })).toMatchObject({ status: 'expired', claimedAt: null });
  });

  it('a command sent while the channel was down is run when it listens again; after a runtime restart, commands reach new calls', async () => {
    // restart: the first runtime and its channel stop; a new one starts on the same database
    await channel.close();
    await rt.stop();
    const second = await setUp('+33199000081', 'denis', rt.databaseName);
    rt = second.runtime;
    channel = second.ch;
    const boss = await userIn(rt, 'admin');

    const phone = await agentPhone(rt, 'denis', 'echo');
    const c = caller(rt, '+33199000081');
    const call = await bridgedCall(rt);
    await send(rt, boss, call.id, 'hold');
    expect(await heard(100)).toBeGreaterThan(300);

    // the channel goes down; a resume is sent meanwhile (its NOTIFY is lost); the channel comes back and runs it
    await channel.close();
    const pending = send(rt, boss, call.id, 'resume');
    await eventually(() => rt.prisma.callCommand.findFirst({ where: { callId: call.id, type: 'resume', status: 'pending' } }), 'resume pending');
    channel = startCommandChannel({ connection: poolConfigFromUrl(rt.databaseUrl), prisma: rt.prisma, active: rt.calls.active });
    expect(await pending).toMatchObject({ status: 'done', type: 'resume' });
    expect(call.endpoint.bridgedTo).not.toBeNull();

    // a type this runtime does not know (a row written by a newer admin): 501 from the runtime
    const id = randomUUID();
    await rt.prisma.callCommand.create({ data: { id, organizationId: rt.organizationId, callId: call.id, type: 'selfDestruct', requestedById: boss.id, expiresAt: new Date(Date.now() + 5000) } });
    await rt.prisma.$executeRaw`SELECT pg_notify('relais_call_command', ${JSON.stringify({ id, callId: call.id })})`;
    const unknown = await eventually(() => rt.prisma.callCommand.findFirst({ where: { id, status: 'failed' } }), 'unknown type answered');
    expect(unknown.result).toMatchObject({ ok: false, status: 501 });
    // a row of another organisation naming this call: the runtime re-checks and refuses
    const forged = randomUUID();
    const elsewhere = await rt.prisma.organization.create({ data: { name: 'Elsewhere', slug: `elsewhere-${forged.slice(0, 6)}` } });
    await rt.prisma.callCommand.create({ data: { id: forged, organizationId: elsewhere.id, callId: call.id, type: 'hangup', expiresAt: new Date(Date.now() + 5000) } });
    await rt.prisma.$executeRaw`SELECT pg_notify('relais_call_command', ${JSON.stringify({ id: forged, callId: call.id })})`;
    const refused = await eventually(() => rt.prisma.callCommand.findFirst({ where: { id: forged, status: 'failed' } }), 'forged command refused');
    expect(refused.result).toMatchObject({ ok: false, status: 404 });
    expect(call.callerGone).toBe(false);

    await send(rt, boss, call.id, 'hangup');
    const [cr, pr] = await Promise.all([c.done, phone.done]);
    expect(sippOk(cr)).toBe('ok');
    expect(sippOk(pr)).toBe('ok');
  }, 120_000);
});
