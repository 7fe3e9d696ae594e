// A callback request placed by the scheduler with the runtime's placeCallback
// (flow-runtime/calls/callback-placer.ts): the group's agent (a SIPp UAS registered through the
// edge) rings and answers first, then the customer is called through the trunk (a second SIPp
// UAS), both are bridged; the customer hangs up → the request is done with outcome answered.
// Also: nobody in the group answers → retry (`no_agent`), nothing sent to the trunk; the customer
// is busy → the agent is hung up, retry (`customer_busy`).
// Each attempt is in the call history like other calls: one Call (path event `callback` with the
// request), a CallLeg per agent rung and one for the customer, the outcome; the request is linked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CallbackScheduler } from '@/flow-runtime/callbacks/callback-scheduler';
import { createCallbackPlacer } from '@/flow-runtime/calls/callback-placer';
import { freeUdpPort, runSipp, sippOk, waitForUdpListener } from '../sip-edge/helpers';
import { reply, scenario, uasBusy, uasCancelled, uasReply } from '../sip-edge/scenarios';
import { AGENT_SDP, createAgent, registerAgent, startRuntime, type Runtime } from './support';
import { loopbackTrunk, uasBye } from './phone-support';

let rt: Runtime;
let trunkPort: number;
let groupId: string;
let scheduler: CallbackScheduler;
let eveId: string;

beforeAll(async () => {
  trunkPort = await freeUdpPort();
  rt = await startRuntime({
    trunk: loopbackTrunk(trunkPort),
  });
  const eve = await createAgent(rt, 'eve');
  eveId = eve.id;
  const group = await rt.prisma.queueGroup.create({ data: { organizationId: rt.organizationId, name: 'Rappels', ringTimeSeconds: 4, members: { create: [{ agentId: eve.id, position: 0 }] } } });
  groupId = group.id;
  const s = rt.calls.services;
  scheduler = new CallbackScheduler({ prisma: rt.prisma, placeCallback: createCallbackPlacer(s), pollIntervalMs: 60_000, retryDelayMs: 60_000 });
}, 60_000);

afterAll(async () => {
  await scheduler?.stop();
  await rt?.stop();
});

/** The Call rows written for a callback request's attempts (through the recorder's outbox). */
async function attemptCalls(requestId: string) {
  expect(await rt.recorder.flush(15_000)).toBe(true);
  return rt.prisma.call.findMany({
    where: { events: { some: { kind: 'callback', data: { path: ['callbackRequestId'], equals: requestId } } } },
    include: { legs: { orderBy: { startedAt: 'asc' } }, events: { orderBy: { seq: 'asc' } } },
  });
}

/** Time SIPp logged just before the first message matching `re` in its trace. */
function loggedAt(messages: string, re: RegExp): number {
  const i = messages.search(re);
  expect(i).toBeGreaterThan(-1);
  const stamps = [...messages.slice(0, i).matchAll(/(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d\.\d+)/g)];
  const last = stamps.at(-1);
  if (!last) throw new Error('no timestamp in the SIPp trace');
  return Date.parse(`${last[1]}T${last[2].slice(0, 12)}`);
}

describe('callbacks placed by the scheduler', () => {
  it('rings the group’s agent first, then calls the customer through the trunk and bridges them: done, answered', async () => {
    const agentPort = await freeUdpPort();
    await registerAgent(rt, 'eve', agentPort);
    const agent = runSipp(scenario(
      '<recv request="INVITE" crlf="true"/>',
      uasReply('180 Ringing'),
      '<pause milliseconds="300"/>',
      uasReply('200 OK', 'Content-Type: application/sdp\n', AGENT_SDP),
      '<recv request="ACK"/>',
      '<recv request="BYE" timeout="40000"/>',
      reply('200 OK'),
    ), null, ['-m', '1', '-rtp_echo'], { port: agentPort, timeoutS: 60 });
    await waitForUdpListener(agentPort);
    const trunk = runSipp(scenario(
      '<recv request="INVITE" crlf="true" rrs="true"><action><ereg regexp=".*" search_in="hdr" header="From:" assign_to="from"/><ereg regexp="[^;]*" search_in="hdr" header="To:" assign_to="to"/></action></recv>',
      uasReply('180 Ringing'),
      uasReply('200 OK', 'Content-Type: application/sdp\n', AGENT_SDP),
      '<recv request="ACK"/>',
      '<pause milliseconds="2000"/>', // the customer talks, then hangs up
      uasBye,
      '<recv response="200"/>',
    ), null, ['-m', '1', '-rtp_echo'], { port: trunkPort, timeoutS: 60 });
    await waitForUdpListener(trunkPort);

    const request = await rt.prisma.callbackRequest.create({ data: { organizationId: rt.organizationId, groupId, number: '+33612345678', earliestAt: new Date(Date.now() - 1000) } });
    const attempt = new Promise<[unknown, unknown, string]>((resolve) => scheduler.once('attempt', (...a) => resolve(a as [unknown, unknown, string])));
    await scheduler.pollOnce();
    const [, result, status] = await attempt;
    const [a, t] = await Promise.all([agent.done, trunk.done]);
    expect(sippOk(a)).toBe('ok');
    expect(sippOk(t)).toBe('ok');
    expect(result).toEqual({ kind: 'done', outcome: 'answered' });
    expect(status).toBe('done');
    expect(t.messages).toMatch(new RegExp(`^INVITE sip:\\+33612345678@127\\.0\\.0\\.1:${trunkPort} SIP/2\\.0`, 'm'));
    expect(a.messages).toMatch(/^INVITE sip:eve@127\.0\.0\.1:\d+/m);
    // The agent answered before the customer's INVITE was sent.
    expect(loggedAt(t.messages, /^INVITE sip:/m)).toBeGreaterThanOrEqual(loggedAt(a.messages, /^SIP\/2\.0 200 OK/m));
    const row = await rt.prisma.callbackRequest.findUniqueOrThrow({ where: { id: request.id } });
    expect(row.status).toBe('done');
    expect(row.outcome).toBe('answered');
    expect(row.attempts).toBe(1);

    // in the call history: one Call for the attempt, the agent's leg and the customer's, both answered
    const calls = await attemptCalls(request.id);
    expect(calls).toHaveLength(1);
    const [call] = calls;
    expect(call).toMatchObject({ organizationId: rt.organizationId, callee: '+33612345678', outcome: 'answered', flowVersionId: null });
    expect(call.answeredAt).not.toBeNull();
    expect(call.endedAt).not.toBeNull();
    expect(call.legs).toHaveLength(2);
    expect(call.legs[0]).toMatchObject({ agentId: eveId, destination: `agent:${eveId}`, outcome: 'answered' });
    expect(call.legs[1]).toMatchObject({ agentId: null, destination: '+33612345678', outcome: 'answered' });
    for (const leg of call.legs) {
      expect(leg.answeredAt).not.toBeNull();
      expect(leg.endedAt).not.toBeNull();
    }
    expect(call.events[0].data).toMatchObject({ callbackRequestId: request.id, attempt: 1, groupId });
    expect(call.events.map((e) => e.kind)).toContain('bridge');
    // summary (issue 15): the request's group, the agent who answered, talk from the customer's answer
    expect(call).toMatchObject({ groupId, agentId: eveId, agentIds: [eveId], queuedAt: null, waitMs: null });
    expect(call.agentAnsweredAt!.getTime()).toBeGreaterThanOrEqual(call.legs[1].startedAt.getTime());
    expect(call.talkMs).toBe(call.endedAt!.getTime() - call.agentAnsweredAt!.getTime());
    expect(row.callId).toBe(call.id); // a request made outside a call is linked to its attempt
  }, 90_000);

  it('the customer is busy: the agent is hung up, retry with customer_busy; the attempt is recorded busy', async () => {
    const agentPort = await freeUdpPort();
    await registerAgent(rt, 'eve', agentPort);
    const agent = runSipp(scenario(
      '<recv request="INVITE" crlf="true"/>',
      uasReply('200 OK', 'Content-Type: application/sdp\n', AGENT_SDP),
      '<recv request="ACK"/>',
      '<recv request="BYE" timeout="30000"/>',
      reply('200 OK'),
    ), null, ['-m', '1'], { port: agentPort, timeoutS: 40 });
    await waitForUdpListener(agentPort);
    const trunk = runSipp(uasBusy, null, ['-m', '1'], { port: trunkPort, timeoutS: 40 });
    await waitForUdpListener(trunkPort);
    const request = await rt.prisma.callbackRequest.create({ data: { organizationId: rt.organizationId, groupId, number: '+33612345670', earliestAt: new Date(Date.now() - 1000) } });
    const attempt = new Promise<[unknown, unknown, string]>((resolve) => scheduler.once('attempt', (...x) => resolve(x as [unknown, unknown, string])));
    await scheduler.pollOnce();
    const [, result, status] = await attempt;
    const [a, t] = await Promise.all([agent.done, trunk.done]);
    expect(sippOk(a)).toBe('ok');
    expect(sippOk(t)).toBe('ok');
    expect(result).toEqual({ kind: 'retry', outcome: 'customer_busy' });
    expect(status).toBe('pending');

    const calls = await attemptCalls(request.id);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ callee: '+33612345670', outcome: 'busy', answeredAt: null, agentId: null, talkMs: null, groupId });
    expect(calls[0].legs.map((l) => [l.agentId, l.destination, l.outcome])).toEqual([[eveId, `agent:${eveId}`, 'answered'], [null, '+33612345670', 'busy']]);
  }, 60_000);

  it('nobody in the group answers within its ring time: retry with no_agent, the customer is not called', async () => {
    const agentPort = await freeUdpPort();
    await registerAgent(rt, 'eve', agentPort);
    const agent = runSipp(uasCancelled, null, ['-m', '1'], { port: agentPort, timeoutS: 40 });
    await waitForUdpListener(agentPort);
    const request = await rt.prisma.callbackRequest.create({ data: { organizationId: rt.organizationId, groupId, number: '+33612345679', earliestAt: new Date(Date.now() - 1000) } });
    const attempt = new Promise<[unknown, unknown, string]>((resolve) => scheduler.once('attempt', (...x) => resolve(x as [unknown, unknown, string])));
    await scheduler.pollOnce();
    const [, result, status] = await attempt;
    expect(sippOk(await agent.done)).toBe('ok');
    expect(result).toEqual({ kind: 'retry', outcome: 'no_agent' });
    expect(status).toBe('pending');
    const row = await rt.prisma.callbackRequest.findUniqueOrThrow({ where: { id: request.id } });
    expect(row.status).toBe('pending');
    expect(row.attempts).toBe(1);

    // the attempt is recorded: the agent's leg rang out (no_answer), nobody called on the trunk
    const calls = await attemptCalls(request.id);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ callee: '+33612345679', outcome: 'no_answer', answeredAt: null });
    expect(calls[0].endedAt).not.toBeNull();
    expect(calls[0].legs.map((l) => [l.agentId, l.outcome, l.answeredAt])).toEqual([[eveId, 'no_answer', null]]);
    expect(calls[0].events.at(-1)).toMatchObject({ kind: 'callback-result', output: 'retry' });
  }, 60_000);
});
