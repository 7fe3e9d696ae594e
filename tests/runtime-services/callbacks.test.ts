// The callback scheduler on a real database with a fake placeCallback: due requests are
// placed, retried after the delay up to maxAttempts, then failed; two schedulers polling at
// once never take the same request.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CallbackScheduler, type CallbackAttemptResult, type ClaimedCallback } from '@/flow-runtime/callbacks/callback-scheduler';
import { createOrgWithAgent, createTestDatabase, type TestDatabase } from './support';

let db: TestDatabase;
let orgId: string;
let clock = Date.now();

beforeAll(async () => {
  db = await createTestDatabase();
  orgId = (await createOrgWithAgent(db.prisma, { username: 'a', password: 'x', realm: 'r' })).org.id;
});
afterAll(async () => db?.drop());

function scheduler(place: (c: ClaimedCallback) => Promise<CallbackAttemptResult>) {
  return new CallbackScheduler({ prisma: db.prisma, placeCallback: place, retryDelayMs: 60_000, batch: 10, now: () => clock });
}

describe('callback scheduler', () => {
  it('places a due request once and stores the outcome; a future one waits', async () => {
    await db.prisma.callbackRequest.deleteMany();
    clock = Date.now();
    const due = await db.prisma.callbackRequest.create({ data: { organizationId: orgId, number: '+33611111111', earliestAt: new Date(clock - 1000) } });
    const later = await db.prisma.callbackRequest.create({ data: { organizationId: orgId, number: '+33622222222', earliestAt: new Date(clock + 3_600_000) } });
    const placed: ClaimedCallback[] = [];
    const s = scheduler(async (c) => {
      placed.push(c);
      return { kind: 'done', outcome: 'answered' };
    });
    expect(await s.pollOnce()).toBe(1);
    expect(placed.map((p) => [p.id, p.number, p.attempts])).toEqual([[due.id, '+33611111111', 1]]);
    expect(await db.prisma.callbackRequest.findUniqueOrThrow({ where: { id: due.id } })).toMatchObject({ status: 'done', outcome: 'answered', attempts: 1 });
    expect(await db.prisma.callbackRequest.findUniqueOrThrow({ where: { id: later.id } })).toMatchObject({ status: 'pending', attempts: 0 });
    expect(await s.pollOnce()).toBe(0);
  });

  it('retries after the delay up to maxAttempts, then marks the request failed', async () => {
    await db.prisma.callbackRequest.deleteMany();
    clock = Date.now();
    const req = await db.prisma.callbackRequest.create({ data: { organizationId: orgId, number: '+33611111111', earliestAt: new Date(clock), maxAttempts: 3 } });
    const statuses: string[] = [];
    const s = scheduler(async () => ({ kind: 'retry', outcome: 'no_answer' }));
    s.on('attempt', (_c, _r, status) => statuses.push(status));
    for (let i = 0; i < 3; i++) {
      expect(await s.pollOnce()).toBe(1);
      expect(await s.pollOnce()).toBe(0); // not before the delay
      clock += 60_001;
    }
    expect(statuses).toEqual(['pending', 'pending', 'failed']);
    expect(await db.prisma.callbackRequest.findUniqueOrThrow({ where: { id: req.id } })).toMatchObject({ status: 'failed', attempts: 3, outcome: 'no_answer' });
  });

  it('postponing does not use up an attempt; a thrown error counts as a failed attempt', async () => {
    await db.prisma.callbackRequest.deleteMany();
    clock = Date.now();
    const req = await db.prisma.callbackRequest.create({ data: { organizationId: orgId, number: '+33611111111', earliestAt: new Date(clock) } });
    await scheduler(async () => ({ kind: 'postpone', reason: 'not wired yet', retryAfterMs: 1000 })).pollOnce();
    expect(await db.prisma.callbackRequest.findUniqueOrThrow({ where: { id: req.id } })).toMatchObject({ status: 'pending', attempts: 0, outcome: 'not wired yet' });
    clock += 1001;
    await scheduler(async () => { throw new Error('trunk down'); }).pollOnce();
    expect(await db.prisma.callbackRequest.findUniqueOrThrow({ where: { id: req.id } })).toMatchObject({ status: 'pending', attempts: 1, outcome: 'error: trunk down' });
  });

  it('never gives one request to two schedulers polling at the same time', async () => {
    await db.prisma.callbackRequest.deleteMany();
    clock = Date.now();
    await db.prisma.callbackRequest.createMany({
      data: Array.from({ length: 20 }, (_, i) => ({ organizationId: orgId, number: `+336000000${String(i).padStart(2, '0')}`, earliestAt: new Date(clock - 1000) })),
    });
    const seen: string[] = [];
    const place = async (c: ClaimedCallback): Promise<CallbackAttemptResult> => {
      seen.push(c.id);
      await new Promise((r) => setTimeout(r, 5));
      return { kind: 'done', outcome: 'answered' };
    };
    const a = scheduler(place);
    const b = scheduler(place);
    const c = scheduler(place);
    let total = 0;
    for (let round = 0; round < 5; round++) total += (await Promise.all([a.pollOnce(), b.pollOnce(), c.pollOnce()])).reduce((x, y) => x + y, 0);
    expect(total).toBe(20);
    expect(new Set(seen).size).toBe(20);
    expect(seen).toHaveLength(20);
    expect(await db.prisma.callbackRequest.count({ where: { status: 'done', attempts: 1 } })).toBe(20);
  });

  it('runs on its own once started, and puts back requests a dead runtime left in progress', async () => {
    await db.prisma.callbackRequest.deleteMany();
    clock = Date.now();
    const stuck = await db.prisma.callbackRequest.create({
      data: { organizationId: orgId, number: '+33611111111', status: 'in_progress', attempts: 1, lastAttemptAt: new Date(clock - 3_600_000) },
    });
    const s = new CallbackScheduler({ prisma: db.prisma, placeCallback: async () => ({ kind: 'done', outcome: 'answered' }), pollIntervalMs: 20, stuckMs: 60_000, now: () => clock });
    const attempted = new Promise<ClaimedCallback>((r) => s.once('attempt', (c) => r(c)));
    s.start();
    expect((await attempted).id).toBe(stuck.id);
    await s.stop();
    expect(await db.prisma.callbackRequest.findUniqueOrThrow({ where: { id: stuck.id } })).toMatchObject({ status: 'done', attempts: 2 });
  });
});
