// Forking: an agent registered from two phones (two SIPp UASs, same digest account, two
// contacts) gets an INVITE on both at once. The first 200 wins and the other phone's INVITE is
// CANCELled; a phone saying 486 does not make the leg busy while the other may still answer;
// the leg is busy only when every phone said busy. One CallLeg row per agent either way.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freeUdpPort, runSipp, sippOk, waitForUdpListener, type SippRun } from '../sip-edge/helpers';
import { ack, inDialogRequest, reply, scenario, uasBusy, uasCancelled, uasReply } from '../sip-edge/scenarios';
import { AGENT_SDP, callerInvite, createAgent, eventually, flowDocument, publishFlow, recvSessionProgress, registerAgent, startRuntime, type Runtime } from './support';

const NUMBERS = { ringing: '+33199000050', busy: '+33199000051', allBusy: '+33199000052' };
let rt: Runtime;

beforeAll(async () => {
  rt = await startRuntime();
  for (const [key, number] of Object.entries(NUMBERS)) {
    const agent = await createAgent(rt, `fork-${key.toLowerCase()}`);
    await publishFlow(rt, number, flowDocument('agent', [
      { id: 'agent', type: 'redirect', config: { target: { kind: 'agent', agentId: agent.id }, ringTimeoutSeconds: 30 } },
      { id: 'bye', type: 'hangup', config: {} },
    ], [['agent', 'no_answer', 'bye'], ['agent', 'busy', 'bye'], ['agent', 'failed', 'bye']]));
  }
});

afterAll(async () => {
  await rt?.stop();
});

/** Two phones registered as the same agent, each running its own scenario. */
async function twoPhones(username: string, first: string, second: string): Promise<[SippRun, SippRun]> {
  const ports = [await freeUdpPort(), await freeUdpPort()];
  await registerAgent(rt, username, ports[0]);
  await registerAgent(rt, username, ports[1]);
  const runs = [first, second].map((xml, i) => runSipp(xml, null, ['-m', '1', '-rtp_echo'], { port: ports[i], timeoutS: 60 }));
  await Promise.all(ports.map((p) => waitForUdpListener(p)));
  return runs as [SippRun, SippRun];
}

/** The phone that answers after ringing 1 s, then gets the BYE when the caller hangs up. */
const answersAfterRinging = scenario(
  '<recv request="INVITE" crlf="true"/>',
  uasReply('180 Ringing'),
  '<pause milliseconds="1000"/>',
  uasReply('200 OK', 'Content-Type: application/sdp\n', AGENT_SDP),
  '<recv request="ACK"/>',
  '<recv request="BYE"/>',
  reply('200 OK'),
);

const callerTalks = (number: string) => scenario(
  callerInvite(number),
  '<recv response="100" optional="true"/>',
  recvSessionProgress,
  '<recv response="200" rrs="true"/>',
  ack,
  '<pause milliseconds="1500"/>',
  inDialogRequest('BYE', 2),
  '<recv response="200" crlf="true"/>',
);

async function finishedCall(number: string) {
  await rt.recorder.flush(10_000);
  return eventually(() => rt.prisma.call.findFirst({ where: { entryNumber: number, endedAt: { not: null } }, include: { legs: true } }), 'call row');
}

const invites = (run: { messages: string }) => (run.messages.match(/^INVITE sip:/gm) ?? []).length;

describe('an agent registered from two phones', () => {
  it('both ring; the second answers: the caller is answered by it, the first gets a CANCEL', async () => {
    const [first, second] = await twoPhones('fork-ringing', uasCancelled, answersAfterRinging);
    const caller = runSipp(callerTalks(NUMBERS.ringing), `127.0.0.1:${rt.edge.sipPort}`, ['-m', '1'], { timeoutS: 60 });
    const [c, f, s] = await Promise.all([caller.done, first.done, second.done]);
    expect(sippOk(c)).toBe('ok');
    expect(sippOk(f)).toBe('ok'); // INVITE, 180, CANCEL received, 487, ACK
    expect(sippOk(s)).toBe('ok');
    expect(f.messages).toMatch(/^CANCEL sip:fork-ringing@127\.0\.0\.1:\d+/m);
    expect(invites(f)).toBe(1);
    expect(invites(s)).toBe(1);
    const call = await finishedCall(NUMBERS.ringing);
    expect(call.outcome).toBe('answered');
    expect(call.legs.map((l) => l.outcome)).toEqual(['answered']);
  }, 90_000);

  it('one phone says 486, the other answers: the leg is answered, not busy', async () => {
    const [first, second] = await twoPhones('fork-busy', uasBusy, answersAfterRinging);
    const caller = runSipp(callerTalks(NUMBERS.busy), `127.0.0.1:${rt.edge.sipPort}`, ['-m', '1'], { timeoutS: 60 });
    const [c, f, s] = await Promise.all([caller.done, first.done, second.done]);
    expect(sippOk(c)).toBe('ok');
    expect(sippOk(f)).toBe('ok');
    expect(sippOk(s)).toBe('ok');
    const call = await finishedCall(NUMBERS.busy);
    expect(call.outcome).toBe('answered');
    expect(call.legs.map((l) => l.outcome)).toEqual(['answered']);
  }, 90_000);

  it('both phones say 486: the leg is busy, the flow hangs up on the unanswered caller', async () => {
    const [first, second] = await twoPhones('fork-allbusy', uasBusy, uasBusy);
    const caller = runSipp(scenario(
      callerInvite(NUMBERS.allBusy),
      '<recv response="100" optional="true"/>',
      recvSessionProgress,
      '<recv response="480"/>',
      `<send><![CDATA[
ACK sip:${NUMBERS.allBusy}@[remote_ip]:[remote_port] SIP/2.0
[last_Via:]
From: <sip:+33612345678@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
[last_To:]
Call-ID: [call_id]
CSeq: 1 ACK
Max-Forwards: 70
Content-Length: 0

]]></send>`,
    ), `127.0.0.1:${rt.edge.sipPort}`, ['-m', '1'], { timeoutS: 60 });
    const [c, f, s] = await Promise.all([caller.done, first.done, second.done]);
    expect(sippOk(c)).toBe('ok');
    expect(sippOk(f)).toBe('ok');
    expect(sippOk(s)).toBe('ok');
    const call = await finishedCall(NUMBERS.allBusy);
    expect(call.answeredAt).toBeNull();
    expect(call.legs.map((l) => l.outcome)).toEqual(['busy']);
  }, 90_000);
});
