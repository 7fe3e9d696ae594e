// Redirects to external numbers, with a SIPp UAS acting as the SIP trunk (TrunkConfig given to
// the call handling, as flow-runtime/config.ts builds it from TRUNK_*):
// - forbidden-transfer (preset premium-rate) then a redirect to +33899123456: the redirect takes
//   its `forbidden` output (in the call's path), a message is played and the call hung up, and
//   no INVITE reaches the trunk;
// - the same premium-rate number written "+33 (0)8 99 12 34 56" and "+330899123456" (each was
//   dialled as written, passing the preset): refused the same way, nothing sent to the trunk;
// - a redirect to +33612345678 (allowed): the trunk receives the INVITE with Request-URI
//   sip:+33612345678@<trunk>, answers, the caller is bridged, the call is `answered`.
// The trunk's SIPp runs across both calls and must receive exactly one INVITE (the allowed one).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freeUdpPort, runSipp, sippOk, waitForUdpListener, type SippRun } from '../sip-edge/helpers';
import { ack, inDialogRequest, reply, scenario, uasReply } from '../sip-edge/scenarios';
import { AGENT_SDP, callerInvite, eventually, flowDocument, publishFlow, startRuntime, tts, type Runtime } from './support';
import { loopbackTrunk } from './phone-support';

const FORBIDDEN = '+33199000030';
const ALLOWED = '+33199000031';
const SPELLED = { '+33199000032': '+33 (0)8 99 12 34 56', '+33199000033': '+330899123456' };
let rt: Runtime;
let trunkPort: number;
let trunk: SippRun;

beforeAll(async () => {
  trunkPort = await freeUdpPort();
  rt = await startRuntime({
    trunk: loopbackTrunk(trunkPort),
  });
  await publishFlow(rt, FORBIDDEN, flowDocument('policy', [
    { id: 'policy', type: 'forbidden-transfer', config: { mode: 'lists', presets: ['premium-rate'] } },
    { id: 'out', type: 'redirect', config: { target: { kind: 'external', number: '+33899123456' }, ringTimeoutSeconds: 20 } },
    { id: 'sorry', type: 'message', config: { prompt: tts('Ce transfert n’est pas autorisé. Au revoir.') } },
    { id: 'bye', type: 'hangup', config: {} },
  ], [['policy', 'next', 'out'], ['out', 'forbidden', 'sorry'], ['out', 'no_answer', 'bye'], ['sorry', 'next', 'bye']]));
  for (const [entry, written] of Object.entries(SPELLED)) {
    await publishFlow(rt, entry, flowDocument('policy', [
      { id: 'policy', type: 'forbidden-transfer', config: { mode: 'lists', presets: ['premium-rate'] } },
      { id: 'out', type: 'redirect', config: { target: { kind: 'external', number: written }, ringTimeoutSeconds: 20 } },
      { id: 'sorry', type: 'message', config: { prompt: tts('Ce transfert n’est pas autorisé. Au revoir.') } },
      { id: 'bye', type: 'hangup', config: {} },
    ], [['policy', 'next', 'out'], ['out', 'forbidden', 'sorry'], ['out', 'no_answer', 'bye'], ['out', 'failed', 'bye'], ['sorry', 'next', 'bye']]));
  }
  await publishFlow(rt, ALLOWED, flowDocument('out', [
    { id: 'out', type: 'redirect', config: { target: { kind: 'external', number: '+33612345678' }, ringTimeoutSeconds: 20 } },
    { id: 'bye', type: 'hangup', config: {} },
  ], [['out', 'no_answer', 'bye']]));
  // The trunk: one call, answered; the BYE comes from the runtime when the caller hangs up.
  trunk = runSipp(scenario(
    '<recv request="INVITE" crlf="true"/>',
    uasReply('100 Trying'),
    uasReply('180 Ringing'),
    uasReply('200 OK', 'Content-Type: application/sdp\n', AGENT_SDP),
    '<recv request="ACK"/>',
    '<recv request="BYE"/>',
    reply('200 OK'),
  ), null, ['-m', '1', '-rtp_echo'], { port: trunkPort, timeoutS: 120 });
  await waitForUdpListener(trunkPort);
}, 60_000);

afterAll(async () => {
  trunk?.kill();
  await rt?.stop();
});

async function finishedCall(number: string) {
  await rt.recorder.flush(10_000);
  return eventually(() => rt.prisma.call.findFirst({ where: { entryNumber: number, endedAt: { not: null } }, include: { events: { orderBy: { seq: 'asc' } }, legs: true } }), 'call row');
}

describe('external redirect', () => {
  it('a premium-rate number forbidden by the policy takes the `forbidden` output: message, hang-up, nothing sent to the trunk', async () => {
    const r = await runSipp(scenario(
      callerInvite(FORBIDDEN),
      '<recv response="100" optional="true"/>',
      '<recv response="180" optional="true"/>',
      '<recv response="200" rrs="true"/>',
      ack,
      '<recv request="BYE" timeout="30000"/>',
      reply('200 OK'),
    ), `127.0.0.1:${rt.edge.sipPort}`, ['-m', '1'], { timeoutS: 40 }).done;
    expect(sippOk(r)).toBe('ok');
    const call = await finishedCall(FORBIDDEN);
    expect(call.events.some((e) => e.kind === 'output-taken' && e.nodeId === 'out' && e.output === 'forbidden')).toBe(true);
    expect(call.events.some((e) => e.kind === 'node-entered' && e.nodeId === 'sorry')).toBe(true);
    expect(call.legs).toHaveLength(0);
    expect(call.outcome).not.toBe('answered');
  }, 60_000);

  it.each(Object.entries(SPELLED))('the premium-rate number written otherwise (%s → %s) is refused the same way', async (entry) => {
    const r = await runSipp(scenario(
      callerInvite(entry),
      '<recv response="100" optional="true"/>',
      '<recv response="180" optional="true"/>',
      '<recv response="200" rrs="true"/>',
      ack,
      '<recv request="BYE" timeout="30000"/>',
      reply('200 OK'),
    ), `127.0.0.1:${rt.edge.sipPort}`, ['-m', '1'], { timeoutS: 40 }).done;
    expect(sippOk(r)).toBe('ok');
    const call = await finishedCall(entry);
    expect(call.events.some((e) => e.kind === 'output-taken' && e.nodeId === 'out' && e.output === 'forbidden')).toBe(true);
    expect(call.events.some((e) => e.kind === 'node-entered' && e.nodeId === 'sorry')).toBe(true);
    expect(call.legs).toHaveLength(0);
    // nothing reached the trunk: its SIPp (next test) sees exactly one INVITE over the whole file
  }, 60_000);

  it('an allowed number goes out through the trunk: INVITE with the right Request-URI, answered, bridged', async () => {
    const c = await runSipp(scenario(
      callerInvite(ALLOWED),
      '<recv response="100" optional="true"/>',
      '<recv response="180" optional="true"/>',
      '<recv response="183" optional="true"/>', // early media while the trunk rings
      '<recv response="200" rrs="true"/>',
      ack,
      '<pause milliseconds="3000"/>',
      inDialogRequest('BYE', 2),
      '<recv response="200" crlf="true"/>',
    ), `127.0.0.1:${rt.edge.sipPort}`, ['-m', '1'], { timeoutS: 60 }).done;
    const t = await trunk.done;
    expect(sippOk(c)).toBe('ok');
    expect(sippOk(t)).toBe('ok');
    // Exactly one INVITE reached the trunk over both calls: the allowed one, to the trunk's host.
    const invites = t.messages.match(/^INVITE \S+ SIP\/2\.0/gm) ?? [];
    expect(invites).toEqual([`INVITE sip:+33612345678@127.0.0.1:${trunkPort} SIP/2.0`]);
    expect(t.messages).toMatch(/^From: <sip:\+33199000031@/m); // caller ID rule: the entry number
    const call = await finishedCall(ALLOWED);
    expect(call.outcome).toBe('answered');
    expect(call.legs).toHaveLength(1);
    expect(call.legs[0].outcome).toBe('answered');
    expect(call.legs[0].destination).toBe('+33612345678');
  }, 90_000);
});
