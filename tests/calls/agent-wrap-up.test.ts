// Agents' statuses in the runtime (issue 14), with SIPp phones:
// - post-call pause: alice, the only member of a queue group with wrapUpSeconds = 2, talks with a
//   first caller while a second one waits; when the first call ends alice is in wrap_up, and the
//   waiting caller is not offered to her until the pause ends (her phone's second INVITE comes
//   ≥ 2 s after her first leg ended), then is (rung, answered, bridged). Her status goes
//   ringing → in_call → wrap_up → available → ringing → in_call, each published on relais_live
//   (`agent.status`) and logged as AgentStatusChange rows;
// - a locked (or paused) agent is not offered a waiting caller; once unlocked, she is at once.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freeUdpPort, runSipp, sippOk, waitForUdpListener } from '../sip-edge/helpers';
import { ack, inDialogRequest, reply, scenario, uasReply } from '../sip-edge/scenarios';
import { AGENT_SDP, callerInvite, createAgent, eventually, flowDocument, publishFlow, registerAgent, startRuntime, type Runtime } from './support';

const NUMBER = '+33199000071';
let rt: Runtime;
let aliceId: string;
let port: number;
let listener: pg.Client;
const live: Array<{ t: string; d: { agentId: string; status: { status: string; wrapUpEndsAt: string | null } } }> = [];

const queueFlow = (groupId: string) =>
  flowDocument('queue', [
    { id: 'queue', type: 'queue-group', config: { groupId, strategy: 'queue', ringTimeSeconds: 15, maxWaitSeconds: 90, announcePosition: false } },
    { id: 'bye', type: 'hangup', config: {} },
  ], [['queue', 'no_answer', 'bye'], ['queue', 'timeout', 'bye'], ['queue', 'unavailable', 'bye'], ['queue', 'busy', 'bye'], ['queue', 'full', 'bye']]);

/** A caller answered at once (hold music), waiting then talking `ms` in all, then hanging up. */
function caller(ms: number) {
  return runSipp(scenario(
    callerInvite(NUMBER),
    '<recv response="100" optional="true"/>',
    '<recv response="180" optional="true"/>',
    '<recv response="183" optional="true"/>',
    '<recv response="200" rrs="true"/>',
    ack,
    `<pause milliseconds="${ms}"/>`,
    inDialogRequest('BYE', 2),
    '<recv response="200" crlf="true"/>',
  ), `127.0.0.1:${rt.edge.sipPort}`, ['-m', '1'], { timeoutS: 60 });
}

/** Alice's phone answering `calls` calls, one after the other; the caller hangs up each. */
function phone(calls: number) {
  return runSipp(scenario(
    '<recv request="INVITE" crlf="true"/>',
    uasReply('180 Ringing'),
    '<pause milliseconds="200"/>',
    uasReply('200 OK', 'Content-Type: application/sdp\n', AGENT_SDP),
    '<recv request="ACK"/>',
    '<recv request="BYE" timeout="40000"/>',
    reply('200 OK'),
  ), null, ['-m', String(calls), '-rtp_echo'], { port, timeoutS: 60 });
}

const bridgedCount = () => [...rt.calls.active.values()].filter((c) => c.session?.state.status === 'bridged').length;
const waiting = () => [...rt.calls.active.values()].filter((c) => c.session?.state.queueId).length;

beforeAll(async () => {
  rt = await startRuntime();
  const alice = await createAgent(rt, 'alice');
  aliceId = alice.id;
  port = await freeUdpPort();
  await registerAgent(rt, 'alice', port);
  const group = await rt.prisma.queueGroup.create({
    data: { organizationId: rt.organizationId, name: 'Support', wrapUpSeconds: 2, members: { create: [{ agentId: alice.id, position: 0 }] } },
  });
  await publishFlow(rt, NUMBER, queueFlow(group.id));
  listener = new pg.Client({ connectionString: rt.databaseUrl });
  await listener.connect();
  // agent.status events only: the same channel carries the calls' live views (call.updated, call.ended)
  listener.on('notification', (n) => {
    if (n.channel !== 'relais_live') return;
    const event = JSON.parse(n.payload ?? '{}');
    if (event.t === 'agent.status') live.push(event);
  });
  await listener.query('LISTEN relais_live');
}, 60_000);

afterAll(async () => {
  await listener?.end();
  await rt?.stop();
});

describe('post-call pause (wrap-up)', () => {
  it("keeps the agent out of the queue for the group's wrap-up after a call, then offers the waiting caller", async () => {
    const alicePhone = phone(2);
    await waitForUdpListener(port);
    const first = caller(3_000);
    await eventually(() => bridgedCount() === 1, 'the first caller bridged with alice');
    const second = caller(9_000);
    await eventually(() => waiting() === 1, 'the second caller waiting');

    // the first caller hangs up: alice is in her post-call pause
    await eventually(() => live.some((e) => e.d.agentId === aliceId && e.d.status.status === 'wrap_up'), 'agent.status wrap_up', 10_000);
    const wrap = live.find((e) => e.d.status.status === 'wrap_up')!;
    expect(wrap.t).toBe('agent.status');
    expect(Date.parse(wrap.d.status.wrapUpEndsAt!)).toBeGreaterThan(Date.now());
    expect(waiting()).toBe(1); // not offered meanwhile

    const [c1, c2, p] = await Promise.all([first.done, second.done, alicePhone.done]);
    expect(sippOk(c1)).toBe('ok');
    expect(sippOk(c2)).toBe('ok');
    expect(sippOk(p)).toBe('ok');

    await rt.recorder.flush(10_000);
    const legs = await eventually(async () => {
      const rows = await rt.prisma.callLeg.findMany({ where: { agentId: aliceId, endedAt: { not: null } }, orderBy: { startedAt: 'asc' } });
      return rows.length === 2 ? rows : null;
    }, 'both legs recorded');
    expect(legs.map((l) => l.outcome)).toEqual(['answered', 'answered']);
    // the second caller was offered to alice only once her 2 s pause was over
    const gap = legs[1].startedAt.getTime() - legs[0].endedAt!.getTime();
    console.log(`first leg ended → second leg rung: ${gap} ms`);
    expect(gap).toBeGreaterThanOrEqual(1_800);
    expect(gap).toBeLessThan(5_000);

    const seen = () => live.filter((e) => e.d.agentId === aliceId).map((e) => e.d.status.status);
    await eventually(() => seen().length >= 8, 'the second wrap-up over');
    expect(seen()).toEqual(['ringing', 'in_call', 'wrap_up', 'available', 'ringing', 'in_call', 'wrap_up', 'available']);
    await eventually(async () => (await rt.prisma.agentStatusChange.count({ where: { agentId: aliceId } })) >= 8, 'status changes logged');
    const changes = await rt.prisma.agentStatusChange.findMany({ where: { agentId: aliceId }, orderBy: { at: 'asc' } });
    expect(changes.slice(0, 4).map((c) => `${c.fromStatus}>${c.toStatus}:${c.source}`)).toEqual([
      'available>ringing:runtime',
      'ringing>in_call:runtime',
      'in_call>wrap_up:runtime',
      'wrap_up>available:runtime',
    ]);
  }, 90_000);

  it("uses the agent's own choice (PPA) for the call instead of the group's", async () => {
    live.length = 0;
    const alicePhone = phone(1);
    await waitForUdpListener(port);
    const one = caller(2_000);
    await eventually(() => bridgedCount() === 1, 'bridged with alice');
    // as PUT /api/agent/me/wrap-up does: store the choice, tell the runtime
    await rt.prisma.agent.update({ where: { id: aliceId }, data: { wrapUpChoiceSeconds: 0 } });
    await rt.calls.services.directory.refresh(aliceId);
    const [c, p] = await Promise.all([one.done, alicePhone.done]);
    expect(sippOk(c)).toBe('ok');
    expect(sippOk(p)).toBe('ok');
    await eventually(() => live.some((e) => e.d.status.status === 'available'), 'available again');
    expect(live.map((e) => e.d.status.status)).toEqual(['ringing', 'in_call', 'available']);
    await eventually(async () => (await rt.prisma.agent.findUniqueOrThrow({ where: { id: aliceId } })).wrapUpChoiceSeconds === null, 'choice cleared after use');
  }, 60_000);
});

describe('locked and paused agents', () => {
  it('a locked agent is not offered a waiting caller; unlocked, she is at once', async () => {
    // a supervisor locks alice in a pause (PUT /api/agents/:id/lock writes this and NOTIFYs the runtime)
    await rt.prisma.agent.update({ where: { id: aliceId }, data: { lockStatus: 'paused', lockedAt: new Date(), lockedByName: 'Sam' } });
    await rt.calls.services.directory.refresh(aliceId);
    expect(rt.calls.services.directory.stateOf(aliceId)).toBe('paused');
    const alicePhone = phone(1);
    await waitForUdpListener(port);
    const one = caller(8_000);
    await eventually(() => waiting() === 1, 'the caller waiting');
    await new Promise((r) => setTimeout(r, 2_000));
    expect(waiting()).toBe(1); // nobody rang alice
    expect(await rt.prisma.callLeg.count({ where: { agentId: aliceId, endedAt: null } })).toBe(0);

    await rt.prisma.agent.update({ where: { id: aliceId }, data: { lockStatus: null } });
    await rt.calls.services.directory.refresh(aliceId);
    await eventually(() => bridgedCount() === 1, 'bridged with alice once unlocked', 10_000);
    const [c, p] = await Promise.all([one.done, alicePhone.done]);
    expect(sippOk(c)).toBe('ok');
    expect(sippOk(p)).toBe('ok');
  }, 60_000);

  it('a paused agent is not offered either', async () => {
    await rt.prisma.agent.update({ where: { id: aliceId }, data: { status: 'paused' } });
    await rt.calls.services.directory.refresh(aliceId);
    await eventually(() => rt.calls.services.directory.stateOf(aliceId) === 'paused', 'alice paused');
    const one = caller(2_500);
    await eventually(() => waiting() === 1, 'the caller waiting');
    const c = await one.done;
    expect(sippOk(c)).toBe('ok');
    await rt.recorder.flush(10_000);
    const call = await eventually(async () => {
      const last = await rt.prisma.call.findFirst({ where: { entryNumber: NUMBER }, orderBy: { startedAt: 'desc' }, include: { legs: true } });
      return last?.endedAt ? last : null;
    }, 'the call recorded');
    expect(call.legs).toHaveLength(0); // alice's phone never rang
  }, 60_000);
});
