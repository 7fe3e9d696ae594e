// The dispatcher against a real PostgreSQL and loopback receivers: signed POSTs, retries with
// the (injected, short) backoff on 500/429/timeouts, none on 404 or a refused address, the
// organisation's allow-list, a slow receiver not holding the others, rows that outlive a
// dispatcher (restart), NOTIFY wake-ups; and emitWebhookEvent's choice of subscriptions.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { poolConfigFromUrl } from '@/prisma/database-url';
import { WebhookDispatcher, type WebhookDispatcherOptions } from '@/flow-runtime/webhooks/webhook-dispatcher';
import { emitWebhookEvent, webhookEmitOp } from '@/flow-runtime/webhooks/webhook-emit';
import { verifySignature } from '@/flow-runtime/webhooks/webhook-signature';
import { createTestDatabase, eventually, type TestDatabase } from '../runtime-services/support';

interface Received { body: string; headers: http.IncomingHttpHeaders; at: number }
interface Receiver { url: string; port: number; received: Received[]; connections: number; close(): Promise<void> }

/** A loopback HTTP receiver answering with `answer(n)` for its n-th request (0-based); 'hang' never answers. */
async function receiver(answer: (n: number) => number | 'hang'): Promise<Receiver> {
  const received: Received[] = [];
  const r = { received, connections: 0 } as Receiver;
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const n = received.length;
      received.push({ body, headers: req.headers, at: Date.now() });
      const status = answer(n);
      if (status === 'hang') return;
      res.writeHead(status, { 'content-type': 'text/plain' }).end(status >= 400 ? 'nope' : 'ok');
    });
  });
  server.on('connection', () => r.connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  r.port = (server.address() as AddressInfo).port;
  r.url = `http://127.0.0.1:${r.port}/hooks`;
  r.close = () => {
    server.closeAllConnections();
    return new Promise((resolve) => server.close(() => resolve()));
  };
  return r;
}

let db: TestDatabase;
let orgId: string;
const receivers: Receiver[] = [];
const dispatchers: WebhookDispatcher[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  orgId = (await db.prisma.organization.create({ data: { name: 'Hooks', slug: 'hooks' } })).id;
}, 60_000);

afterEach(async () => {
  await Promise.all(dispatchers.splice(0).map((d) => d.stop()));
  await Promise.all(receivers.splice(0).map((r) => r.close()));
  await db.prisma.webhookSubscription.deleteMany({});
  await db.prisma.organization.update({ where: { id: orgId }, data: { outboundHttpAllow: [] } });
});

afterAll(async () => {
  await db?.drop();
});

async function listening(answer: (n: number) => number | 'hang'): Promise<Receiver> {
  const r = await receiver(answer);
  receivers.push(r);
  return r;
}

async function allow(...rs: Receiver[]): Promise<void> {
  await db.prisma.organization.update({ where: { id: orgId }, data: { outboundHttpAllow: rs.map((r) => `127.0.0.1:${r.port}`) } });
}

async function subscribe(url: string, events = ['call.started']) {
  return db.prisma.webhookSubscription.create({ data: { organizationId: orgId, url, secret: `whsec_${url.length}_${Math.random()}`, events } });
}

async function delivery(subscriptionId: string, eventId: string, nextAttemptAt = new Date()) {
  const payload = { id: eventId, type: 'call.started', createdAt: new Date().toISOString(), organizationId: orgId, data: { call: { id: 'c1' } } };
  return db.prisma.webhookDelivery.create({ data: { organizationId: orgId, subscriptionId, eventId, event: 'call.started', payload, nextAttemptAt } });
}

function dispatcher(opts: Partial<WebhookDispatcherOptions> = {}): WebhookDispatcher {
  const d = new WebhookDispatcher({ prisma: db.prisma, backoff: { scheduleMs: [100, 200], maxAttempts: 3 }, timeoutMs: 2000, pollMs: 1000, ...opts });
  dispatchers.push(d);
  d.start();
  return d;
}

const row = (id: string) => db.prisma.webhookDelivery.findUniqueOrThrow({ where: { id } });

describe('webhook dispatcher', () => {
  it('a receiver answering 500 gets retries after the backoff, then 200 → delivered; same event id, valid signatures', async () => {
    const r = await listening((n) => (n < 2 ? 500 : 200));
    await allow(r);
    const sub = await subscribe(r.url);
    const d = await delivery(sub.id, 'evt_retry');
    dispatcher();
    const done = await eventually(async () => ((await row(d.id)).status === 'delivered' ? row(d.id) : null), 'delivered', 10_000);
    expect(done).toMatchObject({ attempts: 3, lastStatus: 200, lastError: null, nextAttemptAt: null });
    expect(r.received).toHaveLength(3);
    // the backoff's 100 ms then 200 ms between attempts
    expect(r.received[1].at - r.received[0].at).toBeGreaterThanOrEqual(95);
    expect(r.received[2].at - r.received[1].at).toBeGreaterThanOrEqual(195);
    for (const got of r.received) {
      expect(got.headers['x-relais-event-id']).toBe('evt_retry');
      expect(got.headers['x-relais-event']).toBe('call.started');
      expect(got.headers['content-type']).toBe('application/json');
      expect(verifySignature(sub.secret, got.body, got.headers['x-relais-signature'] as string).ok).toBe(true);
      expect(JSON.parse(got.body)).toMatchObject({ id: 'evt_retry', type: 'call.started', data: { call: { id: 'c1' } } });
    }
  });

  it('gives up after maxAttempts: failed, with the last HTTP status and error kept', async () => {
    const r = await listening(() => 503);
    await allow(r);
    const d = await delivery((await subscribe(r.url)).id, 'evt_down');
    dispatcher();
    const failed = await eventually(async () => ((await row(d.id)).status === 'failed' ? row(d.id) : null), 'failed', 10_000);
    expect(failed).toMatchObject({ attempts: 3, lastStatus: 503, lastError: 'HTTP 503: nope', nextAttemptAt: null });
    expect(r.received).toHaveLength(3);
  });

  it('404 is not retried; 429 and 408 are', async () => {
    const gone = await listening(() => 404);
    const busy = await listening((n) => (n === 0 ? 429 : n === 1 ? 408 : 204));
    await allow(gone, busy);
    const a = await delivery((await subscribe(gone.url)).id, 'evt_404');
    const b = await delivery((await subscribe(busy.url)).id, 'evt_429');
    dispatcher();
    await eventually(async () => (await row(b.id)).status === 'delivered', '429 then delivered', 10_000);
    expect(await row(a.id)).toMatchObject({ status: 'failed', attempts: 1, lastStatus: 404 });
    expect(gone.received).toHaveLength(1);
    expect(busy.received).toHaveLength(3);
  });

  it('loopback is refused without the allow-list: failed at once, no connection made', async () => {
    const r = await listening(() => 200);
    const d = await delivery((await subscribe(r.url)).id, 'evt_refused');
    dispatcher();
    const failed = await eventually(async () => ((await row(d.id)).status === 'failed' ? row(d.id) : null), 'refused', 10_000);
    expect(failed.lastError).toBe('address 127.0.0.1 refused: loopback');
    expect(failed.attempts).toBe(1);
    expect(r.connections).toBe(0);
  });

  it('a receiver that never answers times out (retried later) and does not hold the others', async () => {
    const slow = await listening(() => 'hang');
    const fast = await listening(() => 200);
    await allow(slow, fast);
    const slowSub = await subscribe(slow.url);
    const fastSub = await subscribe(fast.url);
    const stuck = await Promise.all([1, 2, 3, 4, 5, 6].map((i) => delivery(slowSub.id, `evt_slow_${i}`)));
    const quick = await Promise.all([1, 2, 3].map((i) => delivery(fastSub.id, `evt_fast_${i}`)));
    dispatcher({ timeoutMs: 4000, concurrency: 6, perSubscription: 2, backoff: { scheduleMs: [60_000], maxAttempts: 3 } });
    // the fast receiver gets its three while the slow one's sends are still waiting
    await eventually(async () => (await db.prisma.webhookDelivery.count({ where: { id: { in: quick.map((q) => q.id) }, status: 'delivered' } })) === 3, 'fast ones delivered', 10_000);
    // … before any of the slow ones has timed out
    expect(await db.prisma.webhookDelivery.count({ where: { id: { in: stuck.map((x) => x.id) }, attempts: { gt: 0 } } })).toBe(0);
    const first = await eventually(async () => ((await row(stuck[0].id)).attempts === 1 ? row(stuck[0].id) : null), 'slow one timed out', 10_000);
    expect(first).toMatchObject({ status: 'pending', lastStatus: null, lastError: 'no complete answer within 4000 ms' });
    expect(first.nextAttemptAt!.getTime() - first.lastAttemptAt!.getTime()).toBe(60_000);
    // two at a time to the slow URL, never more
    expect(slow.received.length).toBeLessThanOrEqual(4);
  });

  it('deliveries are rows: a dispatcher stopped before they are due leaves them to the next one (a restart)', async () => {
    const r = await listening(() => 200);
    await allow(r);
    const sub = await subscribe(r.url);
    const rows = await Promise.all([1, 2, 3].map((i) => delivery(sub.id, `evt_restart_${i}`, new Date(Date.now() + 400))));
    const first = dispatcher();
    await first.stop();
    expect(r.received).toHaveLength(0);
    dispatcher();
    await eventually(async () => (await db.prisma.webhookDelivery.count({ where: { id: { in: rows.map((x) => x.id) }, status: 'delivered' } })) === 3, 'delivered after restart', 10_000);
    expect(r.received.map((x) => x.headers['x-relais-event-id']).sort()).toEqual(['evt_restart_1', 'evt_restart_2', 'evt_restart_3']);
  });

  it('NOTIFY relais_webhooks wakes a dispatcher that would otherwise sleep a minute', async () => {
    const r = await listening(() => 200);
    await allow(r);
    await subscribe(r.url, ['call.started', 'call.ended']);
    dispatcher({ pollMs: 60_000, connection: poolConfigFromUrl(db.url) });
    await eventually(async () => (await db.prisma.$queryRawUnsafe<unknown[]>(`SELECT 1 FROM pg_stat_activity WHERE query LIKE 'LISTEN%relais_webhooks%'`)).length > 0, 'listening', 10_000);
    const call = await db.prisma.call.create({ data: { organizationId: orgId, sipCallId: 'sip-1', entryNumber: '+33100000000', callee: '+33100000000', caller: '+33611111111' } });
    const sent = Date.now();
    expect(await emitWebhookEvent(db.prisma, webhookEmitOp('call.started', { organizationId: orgId, callId: call.id }, new Date()))).toBe(1);
    await eventually(() => r.received.length === 1, 'delivered on NOTIFY', 10_000);
    expect(Date.now() - sent).toBeLessThan(5_000);
    expect(JSON.parse(r.received[0].body).data.call).toMatchObject({ id: call.id, caller: '+33611111111', outcome: null });
  });
});

describe('emitWebhookEvent', () => {
  it('writes one delivery per active subscription of the organisation that wants the event, once per event id', async () => {
    const other = await db.prisma.organization.create({ data: { name: 'Other', slug: `other-${Date.now()}` } });
    const wants = await subscribe('https://hooks.example/a', ['call.ended', 'voicemail.created']);
    await subscribe('https://hooks.example/b', ['call.started']);
    await db.prisma.webhookSubscription.create({ data: { organizationId: orgId, url: 'https://hooks.example/off', secret: 's', events: ['call.ended'], active: false } });
    await db.prisma.webhookSubscription.create({ data: { organizationId: other.id, url: 'https://hooks.example/other', secret: 's', events: ['call.ended'] } });
    const call = await db.prisma.call.create({
      data: { organizationId: orgId, sipCallId: 'sip-2', entryNumber: '+33100000001', callee: '+33100000001', caller: null, endedAt: new Date(), outcome: null, transferCount: 1, agentIds: ['a1'] },
    });
    await db.prisma.callEvent.createMany({
      data: [
        { callId: call.id, seq: 1, kind: 'node-entered', nodeId: 'menu', nodeType: 'menu', at: new Date(1000) },
        { callId: call.id, seq: 2, kind: 'output-taken', nodeId: 'menu', nodeType: 'menu', output: '2', at: new Date(2000) },
        { callId: call.id, seq: 3, kind: 'node-entered', nodeId: 'bye', nodeType: 'hangup', at: new Date(3000) },
      ],
    });
    const op = webhookEmitOp('call.ended', { callId: call.id }, new Date());
    expect(await emitWebhookEvent(db.prisma, op)).toBe(1);
    expect(await emitWebhookEvent(db.prisma, op)).toBe(1); // replayed after a crash: no second row
    const rows = await db.prisma.webhookDelivery.findMany({ where: { eventId: op.eventId } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ subscriptionId: wants.id, event: 'call.ended', status: 'pending', attempts: 0 });
    expect(rows[0].payload).toMatchObject({
      id: op.eventId, type: 'call.ended', organizationId: orgId,
      data: {
        call: { id: call.id, outcome: 'flow_end', transferCount: 1, agentIds: ['a1'], waitMs: null },
        path: [{ nodeId: 'menu', nodeType: 'menu', output: '2', at: new Date(1000).toISOString() }, { nodeId: 'bye', nodeType: 'hangup', output: null, at: new Date(3000).toISOString() }],
      },
    });
    expect(await emitWebhookEvent(db.prisma, webhookEmitOp('callback.requested', { organizationId: orgId, callId: null, data: {} }, new Date()))).toBe(0);
  });
});
