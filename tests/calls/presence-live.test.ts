// Live presence for a call in progress: a caller waits in a queue group (strategy queue, hold
// music) while no member can take the call (alice is not registered, bob is registered but
// paused); alice's phone registers (the registrar tells the AgentDirectory in-process, the
// directory tells the queue coordinator she is free) → the waiting caller is offered to her at
// once: her phone rings, answers, the caller is bridged with her; the Call is answered.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freeUdpPort, runSipp, sippOk, waitForUdpListener } from '../sip-edge/helpers';
import { ack, inDialogRequest, reply, scenario, uasReply } from '../sip-edge/scenarios';
import { AGENT_SDP, callerInvite, createAgent, eventually, flowDocument, publishFlow, registerAgent, startRuntime, type Runtime } from './support';

const NUMBER = '+33199000061';
let rt: Runtime;
let aliceId: string;

beforeAll(async () => {
  rt = await startRuntime();
  const alice = await createAgent(rt, 'alice');
  aliceId = alice.id;
  const bob = await createAgent(rt, 'bob');
  await rt.prisma.agent.update({ where: { id: bob.id }, data: { status: 'paused' } });
  await registerAgent(rt, 'bob', await freeUdpPort()); // registered but paused: the group is not "unavailable"
  const group = await rt.prisma.queueGroup.create({
    data: { organizationId: rt.organizationId, name: 'File', members: { create: [{ agentId: alice.id, position: 0 }, { agentId: bob.id, position: 1 }] } },
  });
  await publishFlow(rt, NUMBER, flowDocument('queue', [
    { id: 'queue', type: 'queue-group', config: { groupId: group.id, strategy: 'queue', ringTimeSeconds: 15, maxWaitSeconds: 90, announcePosition: false } },
    { id: 'bye', type: 'hangup', config: {} },
  ], [['queue', 'no_answer', 'bye'], ['queue', 'timeout', 'bye'], ['queue', 'unavailable', 'bye'], ['queue', 'busy', 'bye'], ['queue', 'full', 'bye']]));
}, 60_000);

afterAll(async () => {
  await rt?.stop();
});

describe('live presence', () => {
  it('a caller waiting in a queue is offered to an agent whose phone registers meanwhile: rung, answered, bridged', async () => {
    const caller = runSipp(scenario(
      callerInvite(NUMBER),
      '<recv response="100" optional="true"/>',
      '<recv response="180" optional="true"/>',
      '<recv response="183" optional="true"/>',
      '<recv response="200" rrs="true"/>', // hold music: answered at once
      ack,
      '<pause milliseconds="20000"/>', // waits in the queue, then talks with alice
      inDialogRequest('BYE', 2),
      '<recv response="200" crlf="true"/>',
    ), `127.0.0.1:${rt.edge.sipPort}`, ['-m', '1'], { timeoutS: 60 });

    // the caller is waiting in the queue while alice is offline
    await eventually(() => [...rt.calls.active.values()].some((c) => c.session?.state.queueId), 'the caller waiting in the queue');
    expect(rt.calls.services.directory.stateOf(aliceId)).toBe('offline');

    const port = await freeUdpPort();
    await registerAgent(rt, 'alice', port);
    const registeredAt = Date.now();
    const phone = runSipp(scenario(
      '<recv request="INVITE" crlf="true"/>',
      uasReply('180 Ringing'),
      '<pause milliseconds="300"/>',
      uasReply('200 OK', 'Content-Type: application/sdp\n', AGENT_SDP),
      '<recv request="ACK"/>',
      '<recv request="BYE" timeout="40000"/>',
      reply('200 OK'),
    ), null, ['-m', '1', '-rtp_echo'], { port, timeoutS: 50 });
    await waitForUdpListener(port);
    await eventually(() => [...rt.calls.active.values()].some((c) => c.session?.state.status === 'bridged'), 'the caller bridged with alice', 30_000);
    console.log(`registration → bridged: ${Date.now() - registeredAt} ms`);

    const [c, p] = await Promise.all([caller.done, phone.done]);
    expect(sippOk(c)).toBe('ok');
    expect(sippOk(p)).toBe('ok');
    expect(p.messages).toMatch(/INVITE sip:alice@127\.0\.0\.1:\d+/);

    await rt.recorder.flush(10_000);
    const call = await eventually(() => rt.prisma.call.findFirst({ where: { entryNumber: NUMBER, outcome: { not: null } }, include: { events: { orderBy: { seq: 'asc' } }, legs: true } }), 'call row');
    expect(call.outcome).toBe('answered');
    expect(call.events.some((e) => e.kind === 'queue')).toBe(true);
    expect(call.legs).toHaveLength(1);
    expect(call.legs[0]).toMatchObject({ agentId: aliceId, outcome: 'answered' });
  }, 90_000);
});
