/* eslint-disable @typescript-eslint/no-explicit-any -- tests inspect arbitrary JSON payloads with assertions */
// Webhooks in real calls (SIPp caller → embedded edge → runtime → SIPp agent): the runtime's
// dispatcher POSTs each event to loopback receivers allowed by the organisation's outbound
// allow-list. Checked: the events of an answered call (started, answered by the agent, ended
// with its outcome and path) and of a call that asks for a callback and leaves a voicemail,
// each signed with the subscription's secret (verified here) under one event id; a receiver
// answering 500 gets the same events again until it accepts them; a receiver that never
// answers holds neither the calls nor the other receivers.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { poolConfigFromUrl } from '@/prisma/database-url';
import { WebhookDispatcher } from '@/flow-runtime/webhooks/webhook-dispatcher';
import { WEBHOOK_EVENTS } from '@/flow-runtime/webhooks/webhook-events';
import { generateWebhookSecret, verifySignature } from '@/flow-runtime/webhooks/webhook-signature';
import { freeUdpPort, runSipp, sippOk, waitForUdpListener } from '../sip-edge/helpers';
import { ack, inDialogRequest, reply, scenario, uasReply } from '../sip-edge/scenarios';
import { AGENT_SDP, callerInvite, createAgent, eventually, flowDocument, play, publishFlow, registerAgent, startRuntime, tts, type Runtime } from './support';

const ANSWERED = '+33199000801';
const SELF_SERVICE = '+33199000802';
const PCMA_SDP = [
  'v=0', 'o=caller 1 1 IN IP4 [local_ip]', 's=-', 'c=IN IP4 [local_ip]', 't=0 0',
  'm=audio [auto_media_port] RTP/AVP 8 101', 'a=rtpmap:8 PCMA/8000', 'a=rtpmap:101 telephone-event/8000', 'a=sendrecv', '',
].join('\n');

interface Delivery { body: string; json: { id: string; type: string; data: Record<string, any> }; headers: http.IncomingHttpHeaders }
interface Receiver { port: number; got: Delivery[]; requests: number; close(): Promise<void> }

/** A loopback receiver; `status(n)` answers its n-th request (0-based), 'hang' never answers. */
async function receiver(status: (n: number) => number | 'hang'): Promise<Receiver> {
  const r = { got: [] as Delivery[], requests: 0 } as Receiver;
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const s = status(r.requests++);
      if (s === 'hang') return;
      if (s < 300) r.got.push({ body, json: JSON.parse(body), headers: req.headers });
      res.writeHead(s).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  r.port = (server.address() as AddressInfo).port;
  r.close = () => {
    server.closeAllConnections();
    return new Promise((resolve) => server.close(() => resolve()));
  };
  return r;
}

let rt: Runtime;
let dispatcher: WebhookDispatcher;
let good: Receiver;
let flaky: Receiver;
let stuck: Receiver;
let secret: string;
let groupId: string;
let aliceId: string;

beforeAll(async () => {
  rt = await startRuntime();
  const alice = await createAgent(rt, 'whalice');
  aliceId = alice.id;
  const group = await rt.prisma.queueGroup.create({ data: { organizationId: rt.organizationId, name: 'Accueil', members: { create: [{ agentId: alice.id, position: 0 }] } } });
  groupId = group.id;
  await publishFlow(rt, ANSWERED, flowDocument('agents', [
    { id: 'agents', type: 'queue-group', config: { groupId, strategy: 'simultaneous', ringTimeSeconds: 15 } },
    { id: 'bye', type: 'hangup', config: {} },
  ], [['agents', 'no_answer', 'bye']]));
  await publishFlow(rt, SELF_SERVICE, flowDocument('cb', [
    { id: 'cb', type: 'callback', config: { groupId, numberSource: 'caller', confirmNumber: false } },
    { id: 'vm', type: 'voicemail', config: { greeting: tts('Bip.'), mailbox: { kind: 'group', groupId }, silenceSeconds: 15, maxLengthSeconds: 60, finishKey: 'none' } },
    { id: 'bye', type: 'hangup', config: {} },
  ], [['cb', 'registered', 'vm'], ['cb', 'failed', 'vm']]));

  good = await receiver(() => 200);
  flaky = await receiver((n) => (n < 2 ? 500 : 204));
  stuck = await receiver(() => 'hang');
  await rt.prisma.organization.update({ where: { id: rt.organizationId }, data: { outboundHttpAllow: [good, flaky, stuck].map((r) => `127.0.0.1:${r.port}`) } });
  secret = generateWebhookSecret();
  await rt.prisma.webhookSubscription.create({ data: { organizationId: rt.organizationId, url: `http://127.0.0.1:${good.port}/relais`, secret, events: [...WEBHOOK_EVENTS] } });
  await rt.prisma.webhookSubscription.create({ data: { organizationId: rt.organizationId, url: `http://127.0.0.1:${flaky.port}/relais`, secret: generateWebhookSecret(), events: ['call.ended'] } });
  await rt.prisma.webhookSubscription.create({ data: { organizationId: rt.organizationId, url: `http://127.0.0.1:${stuck.port}/relais`, secret: generateWebhookSecret(), events: [...WEBHOOK_EVENTS] } });
  // the runtime's dispatcher, with a short backoff (the real one waits 10 s, 30 s, …)
  dispatcher = new WebhookDispatcher({ prisma: rt.prisma, connection: poolConfigFromUrl(rt.databaseUrl), backoff: { scheduleMs: [200, 400], maxAttempts: 4 }, timeoutMs: 3000 });
  dispatcher.start();
}, 120_000);

afterAll(async () => {
  await dispatcher?.stop();
  await rt?.stop();
  await Promise.all([good, flaky, stuck].filter(Boolean).map((r) => r.close()));
});

/** The deliveries `r` accepted for one call, by event type. */
function eventsOf(r: Receiver, callId: string): Map<string, Delivery> {
  const byType = new Map<string, Delivery>();
  for (const d of r.got) {
    const id = d.json.data.call?.id ?? d.json.data.voicemail?.callId ?? d.json.data.callbackRequest?.callId;
    if (id === callId) byType.set(d.json.type, d);
  }
  return byType;
}

function expectSigned(d: Delivery, key: string): void {
  expect(verifySignature(key, d.body, d.headers['x-relais-signature'] as string)).toMatchObject({ ok: true });
  expect(d.headers['x-relais-event-id']).toBe(d.json.id);
  expect(d.headers['x-relais-event']).toBe(d.json.type);
  // with another secret, or a body changed on the way, the check fails
  expect(verifySignature('whsec_wrong', d.body, d.headers['x-relais-signature'] as string).ok).toBe(false);
  expect(verifySignature(key, d.body.replace('"type"', '"tipe"'), d.headers['x-relais-signature'] as string).ok).toBe(false);
}

describe('webhooks during real calls', () => {
  it('an answered call: call.started, call.answered (the agent), call.ended (outcome, path), signed', async () => {
    const agentPort = await freeUdpPort();
    await registerAgent(rt, 'whalice', agentPort);
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
    const caller = runSipp(scenario(
      callerInvite(ANSWERED),
      '<recv response="100" optional="true"/>',
      '<recv response="180" optional="true"/>',
      '<recv response="183" optional="true"/>',
      '<recv response="200" rrs="true"/>',
      ack,
      '<pause milliseconds="3000"/>',
      inDialogRequest('BYE', 2),
      '<recv response="200" crlf="true"/>',
    ), `127.0.0.1:${rt.edge.sipPort}`, ['-m', '1'], { timeoutS: 40 });
    const [c, a] = await Promise.all([caller.done, agent.done]);
    // the receiver that never answers did not hold the call
    expect(sippOk(c)).toBe('ok');
    expect(sippOk(a)).toBe('ok');

    const call = await eventually(() => rt.prisma.call.findFirst({ where: { entryNumber: ANSWERED, endedAt: { not: null } } }), 'call row');
    const events = await eventually(() => {
      const m = eventsOf(good, call.id);
      return m.has('call.started') && m.has('call.answered') && m.has('call.ended') ? m : null;
    }, 'the three events at the receiver', 20_000);
    const started = events.get('call.started')!;
    expect(started.json.data.call).toMatchObject({ id: call.id, entryNumber: ANSWERED, caller: '+33612345678', endedAt: null });
    const answered = events.get('call.answered')!;
    expect(answered.json.data.agent).toEqual({ id: aliceId, name: 'whalice' });
    const ended = events.get('call.ended')!;
    expect(ended.json).toMatchObject({ organizationId: rt.organizationId, data: { call: { id: call.id, outcome: 'answered' } } });
    expect(ended.json.data.path).toEqual([expect.objectContaining({ nodeId: 'agents', nodeType: 'queue-group' })]);
    for (const d of events.values()) expectSigned(d, secret);
    expect(new Set([...events.values()].map((d) => d.json.id)).size).toBe(3);
  }, 90_000);

  it('a callback request and a voicemail: callback.requested, voicemail.created, then call.ended', async () => {
    const caller = runSipp(scenario(
      callerInvite(SELF_SERVICE, PCMA_SDP),
      '<recv response="100" optional="true"/>',
      '<recv response="180" optional="true"/>',
      '<recv response="200" rrs="true"/>',
      ack,
      play('g711a.pcap'),
      '<pause milliseconds="9000"/>',
      play('g711a.pcap'),
      '<pause milliseconds="4000"/>',
      inDialogRequest('BYE', 2),
      '<recv response="200" crlf="true"/>',
    ), `127.0.0.1:${rt.edge.sipPort}`, ['-m', '1'], { timeoutS: 60 });
    expect(sippOk(await caller.done)).toBe('ok');

    const call = await eventually(() => rt.prisma.call.findFirst({ where: { entryNumber: SELF_SERVICE, endedAt: { not: null } } }), 'call row');
    const events = await eventually(() => {
      const m = eventsOf(good, call.id);
      return ['call.started', 'callback.requested', 'voicemail.created', 'call.ended'].every((t) => m.has(t)) ? m : null;
    }, 'the four events at the receiver', 30_000);
    const request = await rt.prisma.callbackRequest.findFirstOrThrow({ where: { callId: call.id } });
    expect(events.get('callback.requested')!.json.data.callbackRequest).toMatchObject({ id: request.id, callId: call.id, groupId, number: '+33612345678' });
    const voicemail = await rt.prisma.voicemail.findFirstOrThrow({ where: { callId: call.id } });
    expect(events.get('voicemail.created')!.json.data.voicemail).toMatchObject({
      id: voicemail.id, callId: call.id, mailbox: { kind: 'group', groupId }, caller: '+33612345678', durationMs: voicemail.durationMs, audioPath: `/api/voicemails/${voicemail.id}/audio`,
    });
    expect(voicemail.durationMs).toBeGreaterThan(0);
    expect(events.get('call.ended')!.json.data.path.map((s: { nodeId: string }) => s.nodeId)).toEqual(['cb', 'vm']);
    for (const d of events.values()) expectSigned(d, secret);
  }, 90_000);

  it('the receiver answering 500 got every call.ended again until it accepted it; the rows say so', async () => {
    const calls = await rt.prisma.call.findMany({ where: { organizationId: rt.organizationId, endedAt: { not: null } }, select: { id: true } });
    expect(calls).toHaveLength(2);
    const accepted = await eventually(() => (flaky.got.length === 2 ? flaky.got : null), 'both call.ended accepted', 20_000);
    expect(accepted.map((d) => d.json.type)).toEqual(['call.ended', 'call.ended']);
    expect(new Set(accepted.map((d) => d.json.data.call.id))).toEqual(new Set(calls.map((c) => c.id)));
    expect(flaky.requests).toBe(4); // two refused with 500, then both accepted
    const rows = await rt.prisma.webhookDelivery.findMany({ where: { subscription: { url: { contains: `:${flaky.port}/` } } } });
    expect(rows.map((r) => r.status)).toEqual(['delivered', 'delivered']);
    expect(rows.reduce((n, r) => n + r.attempts, 0)).toBe(4);
    // the good receiver's deliveries are all delivered, first time
    const goodRows = await rt.prisma.webhookDelivery.findMany({ where: { subscription: { url: { contains: `:${good.port}/` } } } });
    expect(goodRows.length).toBe(good.got.length);
    expect(goodRows.every((r) => r.status === 'delivered' && r.attempts === 1)).toBe(true);
    // the receiver that never answers got its requests, and they timed out (kept pending for later)
    expect(stuck.requests).toBeGreaterThan(0);
  }, 60_000);
});
