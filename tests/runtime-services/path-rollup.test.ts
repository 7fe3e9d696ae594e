// The flow analytics rollup (FlowPathStat, app/lib/flow-analytics/README.md) written by the
// records path when a call ends: the counts land once per call, a replayed `call.rollup` op (the
// outbox retries a write whose reply was lost, or replays a spill file after a crash) and two
// concurrent runs of it add nothing more, and the analytics read from the rollup equal those read
// from the events.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CallRecorder, executeRecord } from '@/flow-runtime/records/call-recorder';
import { flowAnalytics, rollupWindow } from '@/app/lib/flow-analytics/flow-analytics';
import { rollUpCalls } from '@/app/lib/flow-analytics/path-rollup';
import { createOrgWithAgent, createTestDatabase, type TestDatabase } from './support';

let db: TestDatabase;
let orgId: string;
let flowId: string;
let versionId: string;

beforeAll(async () => {
  db = await createTestDatabase();
  const { org } = await createOrgWithAgent(db.prisma, { username: 'alice', password: 'x', realm: 'relais.test' });
  orgId = org.id;
  flowId = (await db.prisma.flow.create({ data: { organizationId: orgId, name: 'Accueil' } })).id;
  versionId = (await db.prisma.flowVersion.create({ data: { organizationId: orgId, flowId, status: 'published', number: 1, document: {} } })).id;
});

afterAll(async () => {
  await db?.drop();
});

const at = (s: number) => new Date(Date.UTC(2026, 10, 3, 9, 0, s));
const HOUR = new Date(Date.UTC(2026, 10, 3, 9));
const DAY = new Date(Date.UTC(2026, 10, 3));
const day = { from: new Date(Date.UTC(2026, 10, 3)), to: new Date(Date.UTC(2026, 10, 4)), versionId: null };

/** welcome → menu (invalid, back to menu, then `key`) → sales or support; ends there. */
function recordCall(recorder: CallRecorder, key: '1' | '2', outcome: 'answered' | 'abandoned' | null, end = true): string {
  const callId = recorder.callStarted({ organizationId: orgId, sipCallId: `sip-${Math.random()}`, entryNumber: '+33199000150', caller: '+33611111111', callee: '+33199000150', flowVersionId: versionId, flowId, startedAt: at(0) });
  const target = key === '1' ? 'sales' : 'support';
  const steps: [string, string, string?][] = [
    ['node-entered', 'welcome'], ['output-taken', 'welcome', 'next'], ['node-entered', 'menu'], ['output-taken', 'menu', 'invalid'],
    ['node-entered', 'menu'], ['output-taken', 'menu', key], ['node-entered', target],
  ];
  steps.forEach(([kind, nodeId, output], i) => recorder.pathEvent(callId, { kind, nodeId, output, at: at(i + 1) }));
  if (end) recorder.callEnded(callId, outcome, at(30));
  return callId;
}

const stats = (grain = 'hour') => db.prisma.flowPathStat.findMany({
  where: { flowId, grain }, orderBy: [{ nodeId: 'asc' }, { output: 'asc' }],
  select: { flowVersionId: true, start: true, nodeId: true, output: true, calls: true, visits: true, endedHere: true, hungUpHere: true },
});

describe('flow analytics rollup from the records path', () => {
  it('an ended call adds its path once; a replayed or concurrent rollup adds nothing; the analytics are the same as from the events', async () => {
    const recorder = new CallRecorder(db.prisma, { dir: mkdtempSync(path.join(os.tmpdir(), 'relais-rollup-')) });
    recorder.start();
    const a = recordCall(recorder, '1', 'answered');
    const b = recordCall(recorder, '2', 'abandoned');
    const live = recordCall(recorder, '1', null, false);
    expect(await recorder.flush(15_000)).toBe(true);

    const row = (nodeId: string, output: string, calls: number, visits: number, endedHere = 0, hungUpHere = 0) =>
      ({ flowVersionId: versionId, start: HOUR, nodeId, output, calls, visits, endedHere, hungUpHere });
    const expected = [
      row('', '', 2, 0), // the hour's calls
      row('menu', '', 2, 4), row('menu', '1', 1, 1), row('menu', '2', 1, 1), row('menu', 'invalid', 2, 2),
      row('sales', '', 1, 1, 1, 0), row('support', '', 1, 1, 1, 1),
      row('welcome', '', 2, 2), row('welcome', 'next', 2, 2),
    ];
    expect(await stats()).toEqual(expected);
    // the same counts in the day's rows (long periods read whole UTC days from them)
    expect(await stats('day')).toEqual(expected.map((r) => ({ ...r, start: DAY })));
    const marked = await db.prisma.call.findMany({ where: { id: { in: [a, b, live] } }, select: { id: true, pathRolledUpAt: true } });
    expect(marked.filter((c) => c.pathRolledUpAt).map((c) => c.id).sort()).toEqual([a, b].sort());

    const analytics = await flowAnalytics(db.prisma, orgId, flowId, day);
    expect(analytics).toMatchObject({
      calls: 3, inProgress: 1,
      nodes: [
        { nodeId: 'menu', entered: 3, entries: 6, ended: 0, hungUp: 0 },
        { nodeId: 'sales', entered: 2, entries: 2, ended: 1, hungUp: 0 },
        { nodeId: 'support', entered: 1, entries: 1, ended: 1, hungUp: 1 },
        { nodeId: 'welcome', entered: 3, entries: 3, ended: 0, hungUp: 0 },
      ],
    });

    // the outbox replays the op (its reply was lost, or a spill file after a crash), and two runs at once
    const op = { id: 'replayed', key: a, kind: 'call.rollup', data: { id: a } };
    await executeRecord(db.prisma, op);
    await Promise.all([executeRecord(db.prisma, op), executeRecord(db.prisma, { ...op, data: { id: b } }), executeRecord(db.prisma, { ...op, data: { id: b } })]);
    expect(await rollUpCalls(db.prisma, [a, b, live])).toBe(0); // the live call is not ended: not rolled up
    expect(await stats()).toEqual(expected);
    expect(await stats('day')).toEqual(expected.map((r) => ({ ...r, start: DAY })));
    expect(await flowAnalytics(db.prisma, orgId, flowId, day)).toEqual(analytics);

    // the same calls read from their events only (the rollup emptied, the marks removed): same figures
    await db.prisma.flowPathStat.deleteMany({ where: { flowId } });
    await db.prisma.call.updateMany({ where: { flowId }, data: { pathRolledUpAt: null } });
    expect(await flowAnalytics(db.prisma, orgId, flowId, day)).toEqual(analytics);
    expect(await rollUpCalls(db.prisma, [a, b, live])).toBe(2);
    expect(await stats()).toEqual(expected);

    // the live call ends: its counts join the others
    recorder.callEnded(live, 'abandoned', at(40));
    expect(await recorder.flush(15_000)).toBe(true);
    expect(await flowAnalytics(db.prisma, orgId, flowId, day)).toMatchObject({ calls: 3, inProgress: 0 });
    expect((await stats()).find((r) => r.nodeId === 'sales' && r.output === '')).toMatchObject({ calls: 2, visits: 2, endedHere: 2, hungUpHere: 1 });
    await recorder.close();
  });
});

describe('rollupWindow: what is read from the rollup', () => {
  const d = (iso: string) => new Date(iso);
  it('a week of Paris days: whole UTC days from day rows, the hours around them from hour rows', () => {
    expect(rollupWindow(d('2026-11-01T23:00:00Z'), d('2026-11-08T23:00:00Z'))).toEqual({
      rolledFrom: d('2026-11-01T23:00:00Z'), rolledTo: d('2026-11-08T23:00:00Z'), dayFrom: d('2026-11-02T00:00:00Z'), dayTo: d('2026-11-08T00:00:00Z'),
    });
  });
  it('partial hours at the edges are left to the events; no whole day: hour rows only', () => {
    expect(rollupWindow(d('2026-11-03T09:30:00Z'), d('2026-11-03T18:45:00Z'))).toEqual({
      rolledFrom: d('2026-11-03T10:00:00Z'), rolledTo: d('2026-11-03T18:00:00Z'), dayFrom: d('2026-11-03T18:00:00Z'), dayTo: d('2026-11-03T18:00:00Z'),
    });
  });
  it('no whole hour: nothing from the rollup', () => {
    const w = rollupWindow(d('2026-11-03T09:10:00Z'), d('2026-11-03T09:50:00Z'));
    expect(w.rolledFrom).toEqual(w.rolledTo);
    expect(w.dayFrom).toEqual(w.dayTo);
  });
});
