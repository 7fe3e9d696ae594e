// Caller ID spoofing: an INVITE carrying P-Asserted-Identity <sip:+33600000000@…> and From
// +33612345678. The runtime believes the asserted identity only from the trunk (TRUNK_HOST and,
// over UDP, TRUNK_PORT) or from SIP_TRUSTED_PEERS; from anyone else the caller is the From
// number. Checked where a user sees it: the Call record's caller, and the flow's filter step
// (which sends the listed number +33600000000 one way and anyone else the other).
// Real SIPp callers over loopback: an untrusted one (127.0.0.1, a random port), one sending
// from the trunk's address and port, one from 127.0.0.2 (listed in SIP_TRUSTED_PEERS).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freeUdpPort, runSipp, sippOk } from '../sip-edge/helpers';
import { ack, reply, scenario } from '../sip-edge/scenarios';
import { callerInvite, eventually, flowDocument, publishFlow, startRuntime, tts, type Runtime } from './support';
import { loopbackTrunk } from './phone-support';

const ASSERTED = '+33600000000';
const FROM = '+33612345678'; // callerInvite's From
const ENTRY = { untrusted: '+33199000040', trunk: '+33199000041', trustedPeer: '+33199000042' };
let rt: Runtime;
let trunkPort: number;

beforeAll(async () => {
  trunkPort = await freeUdpPort();
  rt = await startRuntime({
    trunk: loopbackTrunk(trunkPort),
    trustedPeers: ['127.0.0.2/32'],
  });
  const doc = flowDocument('who', [
    { id: 'who', type: 'filter', config: { purpose: 'deny', patterns: [ASSERTED] } },
    { id: 'listed', type: 'message', config: { prompt: tts('Numéro listé.') } },
    { id: 'other', type: 'message', config: { prompt: tts('Numéro non listé.') } },
    { id: 'bye', type: 'hangup', config: {} },
  ], [['who', 'match', 'listed'], ['who', 'no_match', 'other'], ['listed', 'next', 'bye'], ['other', 'next', 'bye']]);
  for (const entry of Object.values(ENTRY)) await publishFlow(rt, entry, doc);
}, 60_000);

afterAll(async () => {
  await rt?.stop();
});

/** One call to `entry` asserting +33600000000; returns the finished Call row with its path. */
async function callAsserting(entry: string, opts: { port?: number; address?: string } = {}) {
  const invite = callerInvite(entry).replace('Max-Forwards: 70', `P-Asserted-Identity: <sip:${ASSERTED}@[local_ip]>\nMax-Forwards: 70`);
  const r = await runSipp(scenario(
    invite,
    '<recv response="100" optional="true"/>',
    '<recv response="180" optional="true"/>',
    '<recv response="200" rrs="true"/>',
    ack,
    '<recv request="BYE" timeout="30000"/>',
    reply('200 OK'),
  ), `127.0.0.1:${rt.edge.sipPort}`, ['-m', '1', ...(opts.address ? ['-i', opts.address] : [])], { port: opts.port, timeoutS: 40 }).done;
  expect(sippOk(r)).toBe('ok');
  expect(r.messages).toContain(`P-Asserted-Identity: <sip:${ASSERTED}@`);
  await rt.recorder.flush(10_000);
  return eventually(() => rt.prisma.call.findFirst({ where: { entryNumber: entry, endedAt: { not: null } }, include: { events: { orderBy: { seq: 'asc' } } } }), 'call row');
}

const filterOutput = (call: Awaited<ReturnType<typeof callAsserting>>) =>
  call.events.find((e) => e.kind === 'output-taken' && e.nodeId === 'who')?.output;

describe('P-Asserted-Identity is believed only from the trunk or a trusted peer', () => {
  it('from an untrusted address the caller is the From number: call record and filter step', async () => {
    const call = await callAsserting(ENTRY.untrusted);
    expect(call.caller).toBe(FROM);
    expect(filterOutput(call)).toBe('no_match');
  }, 60_000);

  it('from the trunk (its address and port) the asserted identity is the caller', async () => {
    const call = await callAsserting(ENTRY.trunk, { port: trunkPort });
    expect(call.caller).toBe(ASSERTED);
    expect(filterOutput(call)).toBe('match');
  }, 60_000);

  it('from an address in SIP_TRUSTED_PEERS the asserted identity is the caller', async () => {
    const call = await callAsserting(ENTRY.trustedPeer, { address: '127.0.0.2' });
    expect(call.caller).toBe(ASSERTED);
    expect(filterOutput(call)).toBe('match');
  }, 60_000);
});
