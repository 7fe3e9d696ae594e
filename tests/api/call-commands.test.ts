// The command channel and call recordings in the admin API (issue 13 items 5 and 6), without a
// call runtime (tests/calls/command-channel.test.ts runs one):
// - POST /api/calls/:id/commands validates the body (the failing field named), lets admins and
//   supervisors act on any call of their organisation and agents only on the call they are
//   bridged to (others: 404), refuses ended calls (409), and — no runtime holding the call —
//   answers 504 COMMAND_EXPIRED with a clear message once the claim window passed (row expired,
//   audit entry written);
// - GET /api/calls/:id/recordings and GET /api/recordings/:id/audio (Range): supervisors and admins
//   see the organisation's, agents those of calls they took part in, others 404.
import wavefile from 'wavefile';
import { beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, testPrisma } from '../support/context';
import { createOrganizationWithUsers, createUser } from '../support/factories';
import { api, signIn } from '../support/http';

type Client = ReturnType<typeof api>;
let admin: Client;
let supervisor: Client;
let agentOnCall: Client;
let otherAgent: Client;
let outsider: Client;
let adminCookie: string;
let orgId: string;
const calls = { live: '', ended: '', otherOrg: '', earlier: '' };
const recordings = { first: '', second: '', earlier: '' };
let wav: Buffer;
let foreignAgentId: string;

function toneWav(ms: number): Buffer {
  const samples = new Int16Array(Math.round((ms * 8000) / 1000));
  for (let i = 0; i < samples.length; i++) samples[i] = Math.round(8000 * Math.sin((2 * Math.PI * 440 * i) / 8000));
  const w = new wavefile.WaveFile();
  w.fromScratch(1, 8000, '16', samples);
  return Buffer.from(w.toBuffer());
}

beforeAll(async () => {
  const prisma = testPrisma();
  const a = await createOrganizationWithUsers(prisma, 'Commands A');
  const b = await createOrganizationWithUsers(prisma, 'Commands B');
  orgId = a.organization.id;
  const second = await createUser(prisma, orgId, 'agent');
  const sessions = await Promise.all([a.admin, a.supervisor, a.agent, second, b.admin].map(signIn));
  adminCookie = sessions[0].cookie;
  [admin, supervisor, agentOnCall, otherAgent, outsider] = sessions.map(api);

  const agent = (userId: string, name: string, o = orgId) =>
    prisma.agent.create({ data: { organizationId: o, userId, name, sipUsername: `${name}-${userId.slice(0, 8)}`, sipRealm: 'relais.test', sipHa1: '0'.repeat(32) } });
  const alice = await agent(a.agent.id, 'alice');
  const bob = await agent(second.id, 'bob');
  foreignAgentId = (await agent(b.admin.id, 'carol', b.organization.id)).id;
  const call = (o: string, data: Record<string, unknown> = {}) =>
    prisma.call.create({ data: { organizationId: o, sipCallId: `sip-${Math.random()}`, entryNumber: '+33199000090', callee: '+33199000090', ...data } });
  // alice is bridged on the live call right now; bob took an earlier call (leg ended)
  calls.live = (await call(orgId, { answeredAt: new Date() })).id;
  await prisma.callLeg.create({ data: { callId: calls.live, agentId: alice.id, destination: 'agent:alice', answeredAt: new Date() } });
  calls.earlier = (await call(orgId, { answeredAt: new Date(), endedAt: new Date() })).id;
  await prisma.callLeg.create({ data: { callId: calls.earlier, agentId: bob.id, destination: 'agent:bob', answeredAt: new Date(), endedAt: new Date() } });
  calls.ended = (await call(orgId, { endedAt: new Date() })).id;
  calls.otherOrg = (await call(b.organization.id)).id;

  wav = toneWav(700);
  const rec = (callId: string, startedAt: string, agentId: string | null) =>
    prisma.callRecording.create({
      data: {
        organizationId: orgId, callId, agentId, startedBy: 'command', startedByUserId: a.supervisor.id, startedAt: new Date(startedAt),
        endedAt: new Date(new Date(startedAt).getTime() + 700), durationMs: 700, endReason: 'stopped', audio: new Uint8Array(wav),
      },
    });
  recordings.first = (await rec(calls.live, '2026-12-07T07:00:00Z', alice.id)).id;
  recordings.second = (await rec(calls.live, '2026-12-07T07:01:00Z', alice.id)).id;
  recordings.earlier = (await rec(calls.earlier, '2026-12-07T06:00:00Z', bob.id)).id;
});

describe('POST /api/calls/:id/commands', () => {
  it('validates the body and names the failing field', async () => {
    const cases: Array<[unknown, string]> = [
      [{}, '/type'],
      [{ type: 'dance' }, '/type'],
      [{ type: 'hold', target: { kind: 'agent', agentId: 'x' } }, '/target'],
      [{ type: 'transferCold' }, '/target'],
      [{ type: 'transferCold', target: { kind: 'agent' } }, '/target/agentId'],
      [{ type: 'transferCold', target: { kind: 'number', number: 'call me' } }, '/target/number'],
      [{ type: 'transferWarm', target: { kind: 'planet', id: 'mars' } }, '/target/kind'],
      [{ type: 'transferCold', target: { kind: 'group', groupId: 'g', extra: 1 } }, '/target/extra'],
    ];
    for (const [body, path] of cases) {
      const res = await admin.post(`/api/calls/${calls.live}/commands`, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'VALIDATION_FAILED', path });
    }
    expect((await admin.post(`/api/calls/${calls.live}/commands`, 'not json')).body.error.code).toBe('INVALID_JSON');
    // a target of another organisation (or none) is refused at its field, before anything is sent
    for (const target of [{ kind: 'agent', agentId: foreignAgentId }, { kind: 'group', groupId: 'nope' }, { kind: 'contact', contactId: 'nope' }]) {
      const res = await admin.post(`/api/calls/${calls.live}/commands`, { type: 'transferCold', target });
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'VALIDATION_FAILED', path: `/target/${Object.keys(target)[1]}` });
    }
    expect(await testPrisma().callCommand.count({ where: { callId: calls.live } })).toBe(0);
  });

  it('answers 404 for a call the user may not command: another organisation, an agent not on the call', async () => {
    for (const [client, callId] of [[outsider, calls.live], [admin, calls.otherOrg], [otherAgent, calls.live], [agentOnCall, calls.earlier]] as const) {
      const res = await client.post(`/api/calls/${callId}/commands`, { type: 'hold' });
      expect(res.status).toBe(404);
      expect(res.body.error).toMatchObject({ code: 'NOT_FOUND', messageKey: 'calls.commandErrors.notFound' });
    }
    expect((await api(null).post(`/api/calls/${calls.live}/commands`, { type: 'hold' })).status).toBe(401);
    // nothing was written for them
    expect(await testPrisma().callCommand.count({ where: { callId: { in: [calls.otherOrg, calls.earlier] } } })).toBe(0);
  });

  it('refuses an ended call: 409 CALL_NOT_LIVE', async () => {
    const res = await supervisor.post(`/api/calls/${calls.ended}/commands`, { type: 'recordStart' });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'CALL_NOT_LIVE', messageKey: 'calls.commandErrors.ended' });
  });

  it('no runtime holds the call: the command expires, 504 COMMAND_EXPIRED with a clear message; audited', async () => {
    const started = Date.now();
    // the agent bridged on the call may command it (no runtime here: it expires too)
    const [byAgent, bySupervisor] = await Promise.all([
      agentOnCall.post(`/api/calls/${calls.live}/commands`, { type: 'hold' }),
      supervisor.post(`/api/calls/${calls.live}/commands`, { type: 'transferCold', target: { kind: 'extension', extension: '202' } }),
    ]);
    for (const res of [byAgent, bySupervisor]) {
      expect(res.status).toBe(504);
      expect(res.body.error).toMatchObject({ code: 'COMMAND_EXPIRED', messageKey: 'calls.commandErrors.expired', commandId: expect.any(String) });
      expect(res.body.error.message).toMatch(/No call runtime took the command/);
    }
    expect(Date.now() - started).toBeLessThan(15_000);
    const rows = await testPrisma().callCommand.findMany({ where: { callId: calls.live }, orderBy: { type: 'asc' } });
    expect(rows.map((r) => [r.type, r.status, r.claimedAt])).toEqual([['hold', 'expired', null], ['transferCold', 'expired', null]]);
    expect(rows.find((r) => r.type === 'transferCold')?.payload).toEqual({ target: { kind: 'extension', extension: '202' } });
    const audit = await admin.get(`/api/audit?entityType=call&entityId=${calls.live}`);
    expect(audit.status).toBe(200);
    expect(audit.body.entries.map((e: { action: string; details: { type: string } }) => [e.action, e.details.type]).sort()).toEqual([['call.command', 'hold'], ['call.command', 'transferCold']]);
  }, 30_000);
});

describe('call recordings', () => {
  it('lists a call’s recordings without audio: admins, supervisors and the agent on the call; others 404', async () => {
    for (const client of [admin, supervisor, agentOnCall]) {
      const res = await client.get(`/api/calls/${calls.live}/recordings`);
      expect(res.status).toBe(200);
      expect(res.body.recordings.map((r: { id: string }) => r.id)).toEqual([recordings.first, recordings.second]);
      expect(res.body.recordings[0]).toMatchObject({ durationMs: 700, startedBy: 'command', endReason: 'stopped', audioUrl: `/api/recordings/${recordings.first}/audio` });
      expect(res.body.recordings[0]).not.toHaveProperty('audio');
    }
    for (const [client, callId] of [[otherAgent, calls.live], [outsider, calls.live], [agentOnCall, calls.earlier]] as const) {
      const res = await client.get(`/api/calls/${callId}/recordings`);
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('NOT_FOUND');
    }
    // bob took the earlier call: he sees its recording (the call is over)
    expect((await otherAgent.get(`/api/calls/${calls.earlier}/recordings`)).body.recordings.map((r: { id: string }) => r.id)).toEqual([recordings.earlier]);
  });

  it('serves the WAV with Range support; others 404', async () => {
    const full = await agentOnCall.get(`/api/recordings/${recordings.first}/audio`);
    expect(full.status).toBe(200);
    expect(full.headers.get('content-type')).toBe('audio/wav');
    expect(full.headers.get('accept-ranges')).toBe('bytes');
    expect(Buffer.compare(full.body, wav)).toBe(0);
    const res = await fetch(`${baseUrl()}/api/recordings/${recordings.first}/audio?download=1`, { headers: { cookie: adminCookie, range: 'bytes=0-43' } });
    expect(res.status).toBe(206);
    expect(res.headers.get('content-range')).toBe(`bytes 0-43/${wav.length}`);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="call-recording-20261207-0700-/);
    expect(Buffer.from(await res.arrayBuffer()).subarray(0, 4).toString()).toBe('RIFF');
    for (const [client, id] of [[otherAgent, recordings.first], [outsider, recordings.first], [agentOnCall, recordings.earlier]] as const) {
      expect((await client.get(`/api/recordings/${id}/audio`)).status).toBe(404);
    }
  });

  it('is described in the OpenAPI document', async () => {
    const doc = (await api(null).get('/api/openapi.json')).body;
    expect(doc.paths['/api/calls/{id}/commands'].post.requestBody.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/CallCommandInput' });
    expect(Object.keys(doc.paths['/api/calls/{id}/commands'].post.responses)).toEqual(expect.arrayContaining(['200', '400', '404', '409', '501', '504']));
    expect(doc.paths['/api/calls/{id}/recordings'].get).toBeDefined();
    expect(doc.paths['/api/recordings/{id}/audio'].get).toBeDefined();
  });
});
