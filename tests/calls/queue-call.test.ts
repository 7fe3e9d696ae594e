// A caller reaches an agent: menu → 2 (RFC 4733 from SIPp's capture) → queue group in
// simultaneous mode → the agent's phone (a SIPp UAS registered with digest auth through the
// edge) answers → RTP flows both ways through the bridge → the caller hangs up.
// Checked: SIPp's own verdicts (every <recv>), the Call row (answered, path), the leg row,
// and the bridge's packet counters on both endpoints.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EndpointStats } from '@/flow-runtime/media';
import { freeUdpPort, runSipp, sippOk, waitForUdpListener } from '../sip-edge/helpers';
import { ack, inDialogRequest, reply, scenario, uasReply } from '../sip-edge/scenarios';
import { AGENT_SDP, callerInvite, createAgent, eventually, flowDocument, play, publishFlow, registerAgent, startRuntime, tts, type Runtime } from './support';

const NUMBER = '+33199000001';
let rt: Runtime;

beforeAll(async () => {
  rt = await startRuntime();
  const alice = await createAgent(rt, 'alice');
  const group = await rt.prisma.queueGroup.create({ data: { organizationId: rt.organizationId, name: 'Accueil', members: { create: [{ agentId: alice.id, position: 0 }] } } });
  await publishFlow(rt, NUMBER, flowDocument('menu', [
    { id: 'menu', type: 'menu', config: { prompt: tts('Pour le service commercial, tapez 1. Pour un conseiller, tapez 2.'), keys: [{ key: '1' }, { key: '2' }], timeoutSeconds: 8, retries: 1 } },
    { id: 'agents', type: 'queue-group', config: { groupId: group.id, strategy: 'simultaneous', ringTimeSeconds: 15 } },
    { id: 'bye', type: 'hangup', config: {} },
  ], [['menu', '2', 'agents'], ['menu', '1', 'bye'], ['menu', 'timeout', 'bye'], ['menu', 'invalid', 'bye'], ['agents', 'no_answer', 'bye']]));
});

afterAll(async () => {
  await rt?.stop();
});

describe('menu → queue group → agent answers', () => {
  it('bridges the caller with the registered agent, RTP both ways, and records the call as answered with its path', async () => {
    const agentPort = await freeUdpPort();
    await registerAgent(rt, 'alice', agentPort);
    const agent = runSipp(scenario(
      '<recv request="INVITE" crlf="true"/>',
      uasReply('180 Ringing'),
      '<pause milliseconds="300"/>',
      uasReply('200 OK', 'Content-Type: application/sdp\n', AGENT_SDP),
      '<recv request="ACK"/>',
      '<recv request="BYE"/>',
      reply('200 OK'),
    ), null, ['-m', '1', '-rtp_echo'], { port: agentPort, timeoutS: 40 });
    await waitForUdpListener(agentPort);

    // Sample the bridge while it is up: the endpoints are closed when the call ends.
    type Sample = { caller: EndpointStats; agent: EndpointStats };
    let bridged = null as Sample | null;
    let atBridge = null as Sample | null;
    const sampler = setInterval(() => {
      for (const call of rt.calls.active.values()) {
        const other = call.endpoint.bridgedTo;
        if (!other) continue;
        bridged = { caller: call.endpoint.stats(), agent: other.stats() };
        atBridge ??= bridged;
      }
    }, 50);

    const caller = runSipp(scenario(
      callerInvite(NUMBER),
      '<recv response="100" optional="true"/>',
      '<recv response="180" optional="true"/>',
      '<recv response="200" rrs="true"/>',
      ack,
      '<pause milliseconds="1500"/>',
      play('dtmf_2833_2.pcap'),
      '<pause milliseconds="3000"/>',
      play('g711a.pcap'),
      '<pause milliseconds="3000"/>',
      inDialogRequest('BYE', 2),
      '<recv response="200" crlf="true"/>',
    ), `127.0.0.1:${rt.edge.sipPort}`, ['-m', '1'], { timeoutS: 40 });

    const [c, a] = await Promise.all([caller.done, agent.done]);
    clearInterval(sampler);
    expect(sippOk(c)).toBe('ok');
    expect(sippOk(a)).toBe('ok');
    // The agent's INVITE came from the call: caller's number in From, our SDP offer.
    expect(a.messages).toMatch(/INVITE sip:alice@127\.0\.0\.1:\d+/);
    expect(a.messages).toMatch(/From: <sip:\+33612345678@/);

    // RTP both ways through the bridge: caller → agent (relayed, echoed by the agent's phone) → caller.
    expect(atBridge).not.toBeNull();
    const first = atBridge as Sample;
    const last = bridged as Sample;
    expect(last.caller.packetsReceived - first.caller.packetsReceived).toBeGreaterThan(50); // from the caller
    expect(last.agent.packetsSent - first.agent.packetsSent).toBeGreaterThan(50); // relayed to the agent
    expect(last.agent.packetsReceived - first.agent.packetsReceived).toBeGreaterThan(50); // echoed by the agent
    expect(last.caller.packetsSent - first.caller.packetsSent).toBeGreaterThan(50); // relayed back to the caller
    // Relais also sends silence (20 ms, 172-byte packets) whenever nothing is relayed, so count the
    // relayed ones by size: the capture's packets carry 30 ms (240 bytes of payload, 252 in all).
    const relayed = (d: { packetsSent: number; bytesSent: number }) => (d.bytesSent - 172 * d.packetsSent) / (252 - 172);
    expect(relayed({ packetsSent: last.agent.packetsSent - first.agent.packetsSent, bytesSent: last.agent.bytesSent - first.agent.bytesSent })).toBeGreaterThan(50);
    expect(relayed({ packetsSent: last.caller.packetsSent - first.caller.packetsSent, bytesSent: last.caller.bytesSent - first.caller.bytesSent })).toBeGreaterThan(50);

    await rt.recorder.flush(10_000);
    const call = await eventually(() => rt.prisma.call.findFirst({ where: { entryNumber: NUMBER, outcome: { not: null } }, include: { events: { orderBy: { seq: 'asc' } }, legs: true } }), 'call row');
    expect(call.outcome).toBe('answered');
    expect(call.caller).toBe('+33612345678');
    expect(call.answeredAt).not.toBeNull();
    expect(call.events.some((e) => e.kind === 'output-taken' && e.nodeId === 'menu' && e.output === '2')).toBe(true);
    expect(call.events.some((e) => e.kind === 'node-entered' && e.nodeId === 'agents')).toBe(true);
    expect(call.legs).toHaveLength(1);
    expect(call.legs[0].outcome).toBe('answered');
  }, 60_000);
});
