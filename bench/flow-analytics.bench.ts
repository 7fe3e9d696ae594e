// Flow analytics benchmark (issue 15 item 3; app/lib/flow-analytics/README.md): the query behind
// GET /api/flows/:id/analytics for a day, a month and a year of a busy flow, read from the calls'
// events (before the rollup) and from FlowPathStat (after it).
// Run: npm run bench -- analytics
//      ANALYTICS_BENCH_CALLS=300000 ANALYTICS_BENCH_RUNS=30 ANALYTICS_BENCH_RAW_RUNS=3 npm run bench -- analytics
//      ANALYTICS_BENCH_KEEP=1 keeps the database (relais_bench_analytics) afterwards.
//
// Setup: a dedicated database (dropped and created, migrations applied), one organisation
// (Europe/Paris), one flow, ANALYTICS_BENCH_CALLS calls over the last 365 days in business hours,
// generated in SQL (generate_series, not row by row) with realistic paths through
//   welcome ─next─▶ menu ─1─▶ sales ─answered / no_answer─▶ voicemail
//                    │ ├─2─▶ support ─answered
//                    │ ├─3─▶ hours ─next─▶ goodbye
//                    └─invalid─▶ menu (loop)
// (abandoned in the welcome or the menu, keys, queue offers, legs, call-started / call-ended
// events: about 9 CallEvent rows per call), and the last 200 calls in progress.
// Figures: p50/p95 of flowAnalytics() for yesterday, the last 30 days and the last 365 days (days in
// Paris, as the API reads them), first with no call rolled up (every call's events read: the
// former query), then after rollUpEndedCalls() (the migration's backfill; the runtime does the
// same per call at its end), with the backfill's rate; then the cost of one call's rollup as the
// runtime writes it when the call ends.
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { DateTime } from 'luxon';
import pg from 'pg';
import { createPrismaClient } from '../prisma/client';
import { flowAnalytics } from '../app/lib/flow-analytics/flow-analytics';
import { parseFlowAnalyticsQuery } from '../app/lib/flow-analytics/analytics-query';
import { rollUpCalls, rollUpEndedCalls } from '../app/lib/flow-analytics/path-rollup';

const CALLS = Number(process.env.ANALYTICS_BENCH_CALLS ?? 300_000);
const RUNS = Number(process.env.ANALYTICS_BENCH_RUNS ?? 30);
const RAW_RUNS = Number(process.env.ANALYTICS_BENCH_RAW_RUNS ?? 3);
const DB_NAME = 'relais_bench_analytics';
const TZ = 'Europe/Paris';
const TARGET_P95_MS = 300;
const root = path.resolve(import.meta.dirname, '..');
const adminUrl = process.env.TEST_PG_URL || 'postgresql://postgres@127.0.0.1:5432/postgres';

/** Paths: share of calls, steps `kind|nodeId|output`, where it ended, outcome. */
const PATHS: [share: number, steps: string[], endNode: string, outcome: string | null][] = [
  [0.06, ['call-started||', 'node-entered|welcome|', 'call-ended||'], 'welcome', 'abandoned'],
  [0.1, ['call-started||', 'node-entered|welcome|', 'output-taken|welcome|next', 'node-entered|menu|', 'call-ended||'], 'menu', 'abandoned'],
  [0.4, ['call-started||', 'node-entered|welcome|', 'output-taken|welcome|next', 'node-entered|menu|', 'key|menu|', 'output-taken|menu|1', 'node-entered|sales|', 'queue|sales|', 'leg|sales|', 'leg|sales|', 'output-taken|sales|answered', 'call-ended||'], 'sales', 'answered'],
  [0.08, ['call-started||', 'node-entered|welcome|', 'output-taken|welcome|next', 'node-entered|menu|', 'key|menu|', 'output-taken|menu|1', 'node-entered|sales|', 'queue|sales|', 'leg|sales|', 'leg|sales|', 'output-taken|sales|no_answer', 'node-entered|voicemail|', 'voicemail|voicemail|', 'call-ended||'], 'voicemail', null],
  [0.04, ['call-started||', 'node-entered|welcome|', 'output-taken|welcome|next', 'node-entered|menu|', 'key|menu|', 'output-taken|menu|1', 'node-entered|sales|', 'queue|sales|', 'leg|sales|', 'call-ended||'], 'sales', 'cancelled'],
  [0.17, ['call-started||', 'node-entered|welcome|', 'output-taken|welcome|next', 'node-entered|menu|', 'key|menu|', 'output-taken|menu|2', 'node-entered|support|', 'queue|support|', 'leg|support|', 'leg|support|', 'output-taken|support|answered', 'call-ended||'], 'support', 'answered'],
  [0.07, ['call-started||', 'node-entered|welcome|', 'output-taken|welcome|next', 'node-entered|menu|', 'key|menu|', 'output-taken|menu|invalid', 'node-entered|menu|', 'key|menu|', 'output-taken|menu|1', 'node-entered|sales|', 'queue|sales|', 'leg|sales|', 'leg|sales|', 'output-taken|sales|answered', 'call-ended||'], 'sales', 'answered'],
  [0.08, ['call-started||', 'node-entered|welcome|', 'output-taken|welcome|next', 'node-entered|menu|', 'key|menu|', 'output-taken|menu|3', 'node-entered|hours|', 'output-taken|hours|next', 'node-entered|goodbye|', 'call-ended||'], 'goodbye', null],
];

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
};

async function admin(sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

export default async function run(): Promise<void> {
  await admin(`DROP DATABASE IF EXISTS "${DB_NAME}" WITH (FORCE)`);
  await admin(`CREATE DATABASE "${DB_NAME}"`);
  const u = new URL(adminUrl);
  u.pathname = `/${DB_NAME}`;
  const url = u.toString();
  const migrate = spawnSync(path.join(root, 'node_modules/.bin/prisma'), ['migrate', 'deploy'], { cwd: root, env: { ...process.env, DATABASE_URL: url }, encoding: 'utf8' });
  if (migrate.status !== 0) throw new Error(`migrate deploy failed:\n${migrate.stdout}\n${migrate.stderr}`);
  const prisma = createPrismaClient(url);
  const gen = new pg.Client({ connectionString: url });
  await gen.connect();
  try {
    const org = await prisma.organization.create({ data: { name: 'Bench analytics', slug: 'bench-analytics', timezone: TZ } });
    const flow = await prisma.flow.create({ data: { organizationId: org.id, name: 'Accueil' } });
    const version = await prisma.flowVersion.create({ data: { organizationId: org.id, flowId: flow.id, status: 'published', number: 1, document: {}, publishedAt: new Date() } });

    // ---- the calls and their events, in SQL ----
    let t0 = performance.now();
    await gen.query('SELECT setseed(0.15)');
    await gen.query('CREATE TEMP TABLE bench_path (id int, lo float8, hi float8, steps text[], end_node text, outcome text)');
    let lo = 0;
    for (const [i, [share, steps, endNode, outcome]] of PATHS.entries()) {
      const hi = i === PATHS.length - 1 ? 1.000001 : lo + share;
      await gen.query('INSERT INTO bench_path VALUES ($1, $2, $3, $4, $5, $6)', [i, lo, hi, steps, endNode, outcome]);
      lo = hi;
    }
    // business hours in Paris (about 07:00–19:00Z), any day of the last year; the last 200 calls in progress
    await gen.query(`
      CREATE TEMP TABLE bench_call AS
      SELECT g, p.id AS path, s.t
      FROM (
        SELECT g, random() AS r,
               CASE WHEN g <= 200 THEN now() - random() * interval '10 minutes'
                    ELSE date_trunc('day', now()) - (1 + floor(random() * 364)) * interval '1 day' + interval '7 hours' + random() * interval '12 hours' END AS t
        FROM generate_series(1, $1::int) g
      ) s JOIN bench_path p ON s.r >= p.lo AND s.r < p.hi`, [CALLS]);
    await gen.query(`
      INSERT INTO "Call" ("id", "organizationId", "sipCallId", "entryNumber", "caller", "callee", "flowVersionId", "flowId", "outcome", "startedAt", "answeredAt", "endedAt", "endNodeId")
      SELECT 'bc' || c.g, $1, 'bench-' || c.g, '+33199000999', '+336' || lpad((c.g % 100000000)::text, 8, '0'), '+33199000999', $2, $3,
             CASE WHEN c.g <= 200 THEN NULL ELSE p.outcome::"CallOutcome" END, c.t, c.t,
             CASE WHEN c.g <= 200 THEN NULL ELSE c.t + (20 + random() * 300) * interval '1 second' END,
             CASE WHEN c.g <= 200 THEN NULL ELSE p.end_node END
      FROM bench_call c JOIN bench_path p ON p.id = c.path`, [org.id, version.id, flow.id]);
    await gen.query(`
      INSERT INTO "CallEvent" ("id", "callId", "seq", "at", "kind", "nodeId", "output")
      SELECT 'be' || c.g || '-' || e.n, 'bc' || c.g, e.n, c.t + e.n * interval '3 seconds',
             split_part(e.s, '|', 1), nullif(split_part(e.s, '|', 2), ''), nullif(split_part(e.s, '|', 3), '')
      FROM bench_call c JOIN bench_path p ON p.id = c.path, unnest(p.steps) WITH ORDINALITY e(s, n)
      WHERE c.g > 200 OR e.s NOT LIKE 'call-ended%'`);
    await gen.query('VACUUM ANALYZE "Call"');
    await gen.query('VACUUM ANALYZE "CallEvent"');
    const events = Number((await gen.query('SELECT count(*) FROM "CallEvent"')).rows[0].count);
    console.log(`analytics: ${CALLS.toLocaleString('en')} calls, ${events.toLocaleString('en')} CallEvent rows generated in ${((performance.now() - t0) / 1000).toFixed(1)} s (${os.cpus().length} cores, load ${os.loadavg()[0].toFixed(1)})`);

    // ---- the periods, as the API reads them (days in Paris) ----
    const today = DateTime.now().setZone(TZ).startOf('day');
    const day = (d: DateTime) => d.toISODate()!;
    const periods = {
      day: parseFlowAnalyticsQuery(new URLSearchParams({ from: day(today.minus({ days: 1 })), to: day(today) }), TZ),
      month: parseFlowAnalyticsQuery(new URLSearchParams({ from: day(today.minus({ days: 30 })), to: day(today.plus({ days: 1 })) }), TZ),
      year: parseFlowAnalyticsQuery(new URLSearchParams({ from: day(today.minus({ days: 365 })), to: day(today.plus({ days: 1 })) }), TZ),
    };
    const measure = async (label: string, runs: number) => {
      const rows: string[] = [];
      for (const [name, query] of Object.entries(periods)) {
        const times: number[] = [];
        let calls = 0;
        await flowAnalytics(prisma, org.id, flow.id, query); // warm-up
        for (let i = 0; i < runs; i++) {
          const s = performance.now();
          calls = (await flowAnalytics(prisma, org.id, flow.id, query)).calls;
          times.push(performance.now() - s);
        }
        const p95 = quantile(times, 0.95);
        rows.push(`  ${label.padEnd(22)} ${name.padEnd(6)} ${String(calls).padStart(8)} calls  p50 ${quantile(times, 0.5).toFixed(1).padStart(8)} ms  p95 ${p95.toFixed(1).padStart(8)} ms  (${runs} runs)${p95 < TARGET_P95_MS ? '' : `  over ${TARGET_P95_MS} ms`}`);
        console.log(rows[rows.length - 1]);
      }
      return rows;
    };

    console.log('analytics: before the rollup (every call read from its events, the former query)');
    await measure('events only', RAW_RUNS);

    t0 = performance.now();
    const added = await rollUpEndedCalls(prisma, { batch: 20_000 });
    const backfillS = (performance.now() - t0) / 1000;
    // the migration makes this index after its backfill: as small as in a running system
    await gen.query('REINDEX INDEX "Call_flow_path_pending_idx"');
    await gen.query('VACUUM ANALYZE "FlowPathStat"');
    await gen.query('VACUUM ANALYZE "Call"');
    const statRows = Number((await gen.query('SELECT count(*) FROM "FlowPathStat"')).rows[0].count);
    console.log(`analytics: backfill rolled up ${added.toLocaleString('en')} calls in ${backfillS.toFixed(1)} s (${Math.round(added / backfillS).toLocaleString('en')} calls/s) into ${statRows.toLocaleString('en')} FlowPathStat rows`);

    console.log('analytics: after the rollup (whole hours from FlowPathStat, the 200 calls in progress from their events)');
    await measure('rollup', RUNS);

    // the runtime's write: the 200 calls in progress end, each rolled up alone (the op `call.rollup`)
    await gen.query(`UPDATE "Call" SET "endedAt" = now(), "outcome" = 'abandoned', "endNodeId" = 'menu' WHERE "endedAt" IS NULL`);
    const ids = (await gen.query<{ id: string }>(`SELECT "id" FROM "Call" WHERE "pathRolledUpAt" IS NULL`)).rows.map((r) => r.id);
    const writes: number[] = [];
    for (const id of ids) {
      const s = performance.now();
      await rollUpCalls(prisma, [id]);
      writes.push(performance.now() - s);
    }
    console.log(`analytics: one call's rollup (flow_path_rollup of one id, ${writes.length} calls one after the other): p50 ${quantile(writes, 0.5).toFixed(1)} ms, p95 ${quantile(writes, 0.95).toFixed(1)} ms`);
  } finally {
    await gen.end();
    await prisma.$disconnect();
    if (process.env.ANALYTICS_BENCH_KEEP !== '1') await admin(`DROP DATABASE IF EXISTS "${DB_NAME}" WITH (FORCE)`);
  }
}
