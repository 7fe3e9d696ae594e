// Agent legs and their outcomes:
// - the caller hangs up (CANCEL, the call is in early media) while the agent's phone rings →
//   CANCEL to the phone, call `cancelled`, leg `cancelled`;
// - cascade: the first agent only rings (180) past their ring time → CANCEL, leg `no_answer`;
//   the second rings and answers → bridged, call `answered`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freeUdpPort, runSipp, sippOk, waitForUdpListener } from '../sip-edge/helpers';
import { ack, inDialogRequest, reply, scenario, uasCancelled, uasReply } from '../sip-edge/scenarios';
import { AGENT_SDP, callerCancels, callerInvite, createAgent, eventually, flowDocument, publishFlow, recvSessionProgress, registerAgent, startRuntime, type Runtime } from './support';

let rt: Runtime;
const RINGING = '+33199000010';
const CASCADE = '+33199000011';

beforeAll(async () => {
  rt = await startRuntime();
  const [dora, bob, carol] = await Promise.all(['dora', 'bob', 'carol'].map((n) => createAgent(rt, n)));
  const solo = await rt.prisma.queueGroup.create({ data: { organizationId: rt.organizationId, name: 'Solo', members: { create: [{ agentId: dora.id, position: 0 }] } } });
  const cascade = await rt.prisma.queueGroup.create({
    data: { organizationId: rt.organizationId, name: 'Cascade', members: { create: [{ agentId: bob.id, position: 0, ringTimeSeconds: 3 }, { agentId: carol.id, position: 1, ringTimeSeconds: 15 }] } },
  });
  const group = (groupId: string, strategy: string) => flowDocument('agents', [
    { id: 'agents', type: 'queue-group', config: { groupId, strategy, ringTimeSeconds: 20 } },
    { id: 'bye', type: 'hangup', config: {} },
  ], [['agents', 'no_answer', 'bye']]);
  await publishFlow(rt, RINGING, group(solo.id, 'simultaneous'));
  await publishFlow(rt, CASCADE, group(cascade.id, 'cascade'));
});

afterAll(async () => {
  await rt?.stop();
});

async function agentPhone(username: string, xml: string) {
  const port = await freeUdpPort();
  await registerAgent(rt, username, port);
  const run = runSipp(xml, null, ['-m', '1', '-rtp_echo'], { port, timeoutS: 40 });
  await waitForUdpListener(port);
  return run;
}

const callerFor = (number: string, holdMs: number) => scenario(
  callerInvite(number),
  '<recv response="100" optional="true"/>',
  '<recv response="180" optional="true"/>',
  '<recv response="183" optional="true"/>', // early media while the agents ring
  '<recv response="200" rrs="true"/>',
  ack,
  `<pause milliseconds="${holdMs}"/>`,
  inDialogRequest('BYE', 2),
  '<recv response="200" crlf="true"/>',
);

async function finishedCall(number: string) {
  await rt.recorder.flush(10_000);
  return eventually(() => rt.prisma.call.findFirst({ where: { entryNumber: number, endedAt: { not: null } }, include: { legs: { orderBy: { startedAt: 'asc' } } } }), 'call row');
}

describe('agent legs', () => {
  it('caller hangs up while the agent rings: the phone gets CANCEL, outcome cancelled, leg cancelled', async () => {
    const phone = await agentPhone('dora', uasCancelled);
    const caller = runSipp(scenario(
      callerInvite(RINGING),
      '<recv response="100" optional="true"/>',
      recvSessionProgress,
      '<pause milliseconds="2500"/>',
      ...callerCancels(RINGING),
    ), `127.0.0.1:${rt.edge.sipPort}`, ['-m', '1'], { timeoutS: 30 });
    const [c, p] = await Promise.all([caller.done, phone.done]);
    expect(sippOk(c)).toBe('ok');
    expect(sippOk(p)).toBe('ok');
    const call = await finishedCall(RINGING);
    expect(call.outcome).toBe('cancelled');
    expect(call.legs.map((l) => l.outcome)).toEqual(['cancelled']);
  }, 60_000);

  it('cascade: the first agent does not answer within its ring time, the second answers', async () => {
    const bob = await agentPhone('bob', uasCancelled);
    const carol = await agentPhone('carol', scenario(
      '<recv request="INVITE" crlf="true"/>',
      uasReply('180 Ringing'),
      '<pause milliseconds="500"/>',
      uasReply('200 OK', 'Content-Type: application/sdp\n', AGENT_SDP),
      '<recv request="ACK"/>',
      '<recv request="BYE"/>',
      reply('200 OK'),
    ));
    const caller = runSipp(callerFor(CASCADE, 8000), `127.0.0.1:${rt.edge.sipPort}`, ['-m', '1'], { timeoutS: 40 });
    const [c, b, k] = await Promise.all([caller.done, bob.done, carol.done]);
    expect(sippOk(c)).toBe('ok');
    expect(sippOk(b)).toBe('ok');
    expect(sippOk(k)).toBe('ok');
    const call = await finishedCall(CASCADE);
    expect(call.outcome).toBe('answered');
    expect(call.legs.map((l) => l.outcome)).toEqual(['no_answer', 'answered']);
    expect(call.legs[1].answeredAt).not.toBeNull();
  }, 60_000);
});
