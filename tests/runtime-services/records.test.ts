// Call records through the durable outbox: the database goes away (a TCP proxy we cut), the
// records wait and land once it is back; past the queue limit or at shutdown they are spilled
// to disk and replayed by the next run; rows the database refuses go to the dead-letter file.
import { mkdtempSync, readdirSync, readFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CallRecorder } from '@/flow-runtime/records/call-recorder';
import { createPrismaClient, type PrismaClient } from '@/prisma/client';
import { createOrgWithAgent, createTestDatabase, eventually, type TestDatabase } from './support';
import { startTcpProxy, type TcpProxy } from './tcp-proxy';
import { startCuttableProxy } from '../support/tcp-proxy';
import { OutboxTimeoutError } from '@/flow-runtime/records/outbox';

let db: TestDatabase;
let proxy: TcpProxy;
let viaProxy: PrismaClient;
let orgId: string;
let agentId: string;

function proxiedUrl(): string {
  const u = new URL(db.url);
  u.port = String(proxy.port);
  return u.toString();
}

beforeAll(async () => {
  db = await createTestDatabase();
  const { org, agent } = await createOrgWithAgent(db.prisma, { username: 'alice', password: 'x', realm: 'relais.test' });
  orgId = org.id;
  agentId = agent.id;
  proxy = await startTcpProxy(Number(new URL(db.url).port || 5432));
  viaProxy = createPrismaClient(proxiedUrl());
});

afterAll(async () => {
  await viaProxy?.$disconnect().catch(() => undefined);
  await proxy?.close();
  await db?.drop();
});

const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'relais-outbox-'));

function recordCall(recorder: CallRecorder, sipCallId: string) {
  const callId = recorder.callStarted({ organizationId: orgId, sipCallId, entryNumber: '+33123456789', caller: '+33611111111', callee: '+33123456789', flowVersionId: null });
  recorder.pathEvent(callId, { kind: 'node-entered', nodeId: 'menu', nodeType: 'menu' });
  recorder.pathEvent(callId, { kind: 'output-taken', nodeId: 'menu', output: '2' });
  const legId = recorder.legStarted(callId, { agentId, destination: 'sip:alice@127.0.0.1:5070' });
  recorder.legAnswered(callId, legId);
  recorder.callAnswered(callId);
  recorder.legEnded(callId, legId, 'answered');
  recorder.pathEvent(callId, { kind: 'voicemail', nodeId: 'vm' });
  recorder.voicemail({ organizationId: orgId, callId, mailbox: { kind: 'agent', agentId }, caller: '+33611111111', durationMs: 1500, audio: new Uint8Array([82, 73, 70, 70, 1, 2, 3]) });
  recorder.callbackRequest({ organizationId: orgId, callId, groupId: null, number: '+33611111111' });
  recorder.sms({ organizationId: orgId, callId, to: '+33611111111', from: null, body: 'Merci', status: 'sent', provider: 'http', sentAt: new Date() });
  recorder.callEnded(callId, 'answered');
  return { callId, legId };
}

async function expectCallRecorded(callId: string) {
  const call = await db.prisma.call.findUniqueOrThrow({ where: { id: callId }, include: { events: { orderBy: { seq: 'asc' } }, legs: true, voicemails: true, callbacks: true, sms: true } });
  expect(call.outcome).toBe('answered');
  expect(call.answeredAt).not.toBeNull();
  expect(call.endedAt).not.toBeNull();
  expect(call.events.map((e) => [e.seq, e.kind, e.nodeId, e.output])).toEqual([
    [1, 'node-entered', 'menu', null], [2, 'output-taken', 'menu', '2'], [3, 'voicemail', 'vm', null],
  ]);
  expect(call.legs).toHaveLength(1);
  expect(call.legs[0]).toMatchObject({ agentId, outcome: 'answered' });
  expect(call.legs[0].answeredAt).not.toBeNull();
  expect(Buffer.from(call.voicemails[0].audio)).toEqual(Buffer.from([82, 73, 70, 70, 1, 2, 3]));
  expect(call.voicemails[0]).toMatchObject({ durationMs: 1500, mailboxKind: 'agent', agentId });
  expect(call.callbacks[0]).toMatchObject({ number: '+33611111111', status: 'pending' });
  expect(call.sms[0]).toMatchObject({ body: 'Merci', status: 'sent' });
}

describe('CallRecorder', () => {
  it('writes a call with its path, leg, voicemail, callback and SMS', async () => {
    const recorder = new CallRecorder(viaProxy, { dir: tmp() });
    recorder.start();
    const { callId } = recordCall(recorder, 'call-1');
    expect(await recorder.flush()).toBe(true);
    await expectCallRecorded(callId);
    await recorder.close();
  });

  it('keeps the writes while the database is unreachable and lands them in order once it is back', async () => {
    const recorder = new CallRecorder(viaProxy, { dir: tmp(), baseDelayMs: 50, maxDelayMs: 200 });
    recorder.start();
    proxy.pause();
    let retries = 0;
    recorder.outbox.on('retry', () => retries++);
    const { callId } = recordCall(recorder, 'call-2');
    await eventually(() => retries >= 3, 'three failed attempts');
    expect(await db.prisma.call.count({ where: { id: callId } })).toBe(0);
    proxy.resume();
    expect(await recorder.flush(15_000)).toBe(true);
    await expectCallRecorded(callId);
    await recorder.close();
  });

  it('spills to disk past the queue limit and at shutdown; the next run replays the file', async () => {
    const dir = tmp();
    const first = new CallRecorder(viaProxy, { dir, maxQueued: 3, baseDelayMs: 50, maxDelayMs: 200 });
    first.start();
    proxy.pause();
    const spilled = new Promise((r) => first.outbox.once('spilled', r));
    const failed = new Promise((r) => first.outbox.once('retry', r));
    const { callId: a } = recordCall(first, 'call-3a');
    await failed;
    const { callId: b } = recordCall(first, 'call-3b');
    await spilled;
    expect(first.outbox.spilling).toBe(true);
    await first.close(300); // the database is still away: everything left goes to disk
    const files = readdirSync(dir).filter((f) => f.startsWith('spill-'));
    expect(files.length).toBeGreaterThan(0);
    const lines = files.flatMap((f) => readFileSync(path.join(dir, f), 'utf8').trim().split('\n'));
    // 13 writes per call (the last: the flow analytics rollup), and 5 webhook events (started, answered, ended, voicemail, callback: flow-runtime/webhooks)
    expect(lines.filter((l) => !l.includes('"kind":"webhook.emit"')).length).toBe(2 * 13);
    expect(lines.filter((l) => l.includes('"kind":"webhook.emit"')).length).toBe(2 * 5);
    expect(await db.prisma.call.count({ where: { id: { in: [a, b] } } })).toBe(0);

    proxy.resume();
    const second = new CallRecorder(viaProxy, { dir });
    second.start();
    expect(await second.flush(15_000)).toBe(true);
    await expectCallRecorded(a);
    await expectCallRecorded(b);
    expect(readdirSync(dir).filter((f) => f.startsWith('spill-'))).toEqual([]);
    await second.close();
  });

  it('1,000 writes at once while the database is down, and flushes waiting meanwhile, add no listener per write or per wait', async () => {
    const warnings: Error[] = [];
    const onWarning = (w: Error) => warnings.push(w);
    process.on('warning', onWarning);
    try {
      const recorder = new CallRecorder(viaProxy, { dir: tmp(), baseDelayMs: 50, maxDelayMs: 200 });
      const outbox = recorder.outbox;
      const listeners = () => outbox.eventNames().reduce((n, e) => n + outbox.listenerCount(e as 'drained'), 0);
      recorder.start();
      proxy.pause();
      const failed = new Promise((r) => outbox.once('retry', r));
      const before = listeners();
      let most = before;
      const sampler = setInterval(() => (most = Math.max(most, listeners())), 10);
      const ids = Array.from({ length: 1000 }, (_, i) => recorder.callStarted({
        organizationId: orgId, sipCallId: `burst-${i}`, entryNumber: '+33123456789', caller: null, callee: '+33123456789', flowVersionId: null,
      }));
      await failed;
      // shutdown-like waits while the database is away: each lasts many 100 ms turns
      const flushed = await Promise.all(Array.from({ length: 20 }, () => recorder.flush(1_500)));
      clearInterval(sampler);
      most = Math.max(most, listeners());
      expect(flushed).toEqual(Array(20).fill(false));
      expect(most).toBe(before);
      proxy.resume();
      expect(await recorder.flush(60_000)).toBe(true);
      expect(await db.prisma.call.count({ where: { id: { in: ids } } })).toBe(1000);
      await recorder.close();
      await new Promise((r) => setImmediate(r)); // warnings are emitted on the next tick
      expect(warnings.filter((w) => w.name === 'MaxListenersExceededWarning').map((w) => w.message)).toEqual([]);
    } finally {
      proxy.resume();
      process.off('warning', onWarning);
    }
  }, 90_000);

  it('a database that accepts connections but never answers: the write gives up after opTimeoutMs, is retried, and lands once it answers', async () => {
    const silent = await startCuttableProxy(Number(new URL(db.url).port || 5432));
    const u = new URL(db.url);
    u.port = String(silent.port);
    const prisma = createPrismaClient(u.toString());
    try {
      silent.blackhole();
      const recorder = new CallRecorder(prisma, { dir: tmp(), baseDelayMs: 50, maxDelayMs: 200, opTimeoutMs: 300 });
      recorder.start();
      const timedOut = new Promise((r) => recorder.outbox.on('retry', (_op, err) => err instanceof OutboxTimeoutError && r(err)));
      const { callId } = recordCall(recorder, 'call-silent');
      await timedOut;
      expect(await db.prisma.call.count({ where: { id: callId } })).toBe(0);
      silent.restore();
      expect(await recorder.flush(30_000)).toBe(true);
      await expectCallRecorded(callId);
      await recorder.close();
    } finally {
      silent.restore();
      await prisma.$disconnect().catch(() => undefined);
      await silent.close();
    }
  }, 60_000);

  it('puts a write the database refuses in the dead-letter file, and goes on with the others', async () => {
    const dir = tmp();
    const recorder = new CallRecorder(viaProxy, { dir, baseDelayMs: 10 });
    recorder.start();
    const dead = new Promise((r) => recorder.outbox.once('dead', r));
    recorder.pathEvent('no-such-call', { kind: 'node-entered' }); // foreign key violation
    const { callId } = recordCall(recorder, 'call-4');
    await dead;
    expect(await recorder.flush()).toBe(true);
    await expectCallRecorded(callId);
    const deadFile = path.join(dir, 'dead-letter.jsonl');
    expect(existsSync(deadFile)).toBe(true);
    expect(JSON.parse(readFileSync(deadFile, 'utf8').trim())).toMatchObject({ kind: 'event.create', key: 'no-such-call' });
    await recorder.close();
  });
});
