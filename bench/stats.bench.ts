// Statistics and history benchmark (issue 15: "history page and statistics queries over
// 1,000,000 generated calls: p95 under 300 ms each").
// Run: npm run bench -- stats
//      STATS_BENCH_CALLS=200000 STATS_BENCH_RUNS=30 npm run bench -- stats
//      STATS_BENCH_KEEP=1 npm run bench -- stats   (keeps relais_bench_stats and reuses it next time)
//
// 1. a dedicated database (relais_bench_stats_<random>, or relais_bench_stats with
//    STATS_BENCH_KEEP=1) on TEST_PG_URL (default the local PostgreSQL), migrated;
// 2. bench/support/generate-calls.ts inserts STATS_BENCH_CALLS (1,000,000) calls over the year
//    before now, in SQL (timed);
// 3. each query runs STATS_BENCH_RUNS (20) times after 2 warm-up runs, one at a time:
//    - the history page (listCalls, contract C1): first page, first page filtered by group,
//      outcome and a month, a caller prefix, and the 50th page (cursor);
//    - the statistics (computeStats: figures of the period and of the comparison period, heat
//      map and timeline): a day (read from the calls: exact), a month by group, a month by
//      agent against the month before, this month (today from the calls), a year by group, by
//      agent, by number against the year before (from the daily rollup, built once by the first
//      statistics of the year: timed and printed), and the exact query of a month on its own;
// 4. prints p50/p95/max per query and whether p95 is under 300 ms; drops the database.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { DateTime } from 'luxon';
import pg from 'pg';
import { createPrismaClient, type PrismaClient } from '../prisma/client';
import { computeStats, type StatsRequest } from '../app/lib/stats/compute-stats';
import { queryFigures } from '../app/lib/stats/stats-sql';
import { previousPeriod, resolvePeriod } from '../app/lib/stats/stats-period';
import { presetRange } from '../app/lib/stats/period-presets';
import { createBenchOrganization, generateCalls, type GeneratedOrganization } from './support/generate-calls';

const CALLS = Number(process.env.STATS_BENCH_CALLS ?? 1_000_000);
const RUNS = Number(process.env.STATS_BENCH_RUNS ?? 20);
const KEEP = process.env.STATS_BENCH_KEEP === '1';
const TARGET_MS = 300;
const TZ = 'Europe/Paris';
const root = path.resolve(import.meta.dirname, '..');

/** Contract C1 (app/lib/calls/call-history.ts, written by the history work). */
interface CallHistoryModule {
  listCalls(
    db: PrismaClient,
    organizationId: string,
    filters: { from?: Date; to?: Date; entryNumber?: string; flowId?: string; groupId?: string; agentId?: string; outcome?: string; caller?: string },
    page: { cursor?: string; limit?: number },
  ): Promise<{ items: unknown[]; nextCursor: string | null }>;
}

async function withAdmin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: process.env.TEST_PG_URL || 'postgresql://postgres@127.0.0.1:5432/postgres' });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function prepareDatabase(): Promise<{ url: string; name: string; fresh: boolean }> {
  const name = KEEP ? 'relais_bench_stats' : `relais_bench_stats_${randomBytes(4).toString('hex')}`;
  const url = new URL(process.env.TEST_PG_URL || 'postgresql://postgres@127.0.0.1:5432/postgres');
  url.pathname = `/${name}`;
  const exists = await withAdmin(async (c) => (await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount! > 0);
  if (!exists) await withAdmin((c) => c.query(`CREATE DATABASE "${name}"`));
  const migrate = spawnSync(path.join(root, 'node_modules/.bin/prisma'), ['migrate', 'deploy'], { cwd: root, env: { ...process.env, DATABASE_URL: url.toString() }, encoding: 'utf8' });
  if (migrate.status !== 0) throw new Error(`prisma migrate deploy failed:\n${migrate.stdout}\n${migrate.stderr}`);
  return { url: url.toString(), name, fresh: !exists };
}

async function loadOrganization(prisma: PrismaClient): Promise<GeneratedOrganization | null> {
  const org = await prisma.organization.findFirst({ where: { slug: { startsWith: 'bench-' } }, orderBy: { createdAt: 'desc' } });
  if (!org) return null;
  const calls = await prisma.call.count({ where: { organizationId: org.id } });
  if (calls !== CALLS) return null;
  const [numbers, flows, groups, agents] = await Promise.all([
    prisma.phoneNumber.findMany({ where: { organizationId: org.id }, orderBy: { e164: 'asc' } }),
    prisma.flow.findMany({ where: { organizationId: org.id }, orderBy: { name: 'asc' } }),
    prisma.queueGroup.findMany({ where: { organizationId: org.id }, orderBy: { name: 'asc' } }),
    prisma.agent.findMany({ where: { organizationId: org.id }, orderBy: { name: 'asc' } }),
  ]);
  return { organizationId: org.id, numbers: numbers.map((n) => n.e164), flowIds: flows.map((f) => f.id), groupIds: groups.map((g) => g.id), agentIds: agents.map((a) => a.id) };
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

const results: { name: string; p50: number; p95: number; max: number }[] = [];

async function measure(name: string, run: () => Promise<unknown>) {
  for (let i = 0; i < 2; i++) await run();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await run();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const row = { name, p50: quantile(times, 0.5), p95: quantile(times, 0.95), max: times[times.length - 1] };
  results.push(row);
  console.log(`${name.padEnd(58)} p50 ${row.p50.toFixed(0).padStart(5)} ms  p95 ${row.p95.toFixed(0).padStart(5)} ms  max ${row.max.toFixed(0).padStart(5)} ms  ${row.p95 < TARGET_MS ? 'ok' : 'OVER 300 ms'}`);
}

async function loadHistory(): Promise<CallHistoryModule | null> {
  const modulePath = '../app/lib/calls/call-history';
  try {
    return (await import(modulePath)) as CallHistoryModule;
  } catch (err) {
    console.log(`history query not measured: ${modulePath} cannot be loaded (${(err as Error).message.split('\n')[0]})`);
    return null;
  }
}

export default async function run() {
  const db = await prepareDatabase();
  const prisma = createPrismaClient(db.url);
  try {
    let org = await loadOrganization(prisma);
    if (!org) {
      if (!db.fresh) await prisma.organization.deleteMany({ where: { slug: { startsWith: 'bench-' } } });
      const t0 = performance.now();
      org = await createBenchOrganization(prisma, TZ);
      await generateCalls(prisma, org, { count: CALLS, end: new Date(), days: 365, timezone: TZ });
      console.log(`generated ${CALLS.toLocaleString('en')} calls over 365 days in ${((performance.now() - t0) / 1000).toFixed(1)} s (database ${db.name})`);
    } else {
      console.log(`reusing ${CALLS.toLocaleString('en')} calls of database ${db.name}`);
    }
    const size = await prisma.$queryRaw<{ size: string }[]>`SELECT pg_size_pretty(pg_total_relation_size('"Call"')) AS size`;
    console.log(`Call table with indexes: ${size[0].size}; ${RUNS} runs per query after 2 warm-ups\n`);

    const now = new Date();
    const lastMonth = presetRange('lastMonth', now, TZ);
    const lastDay = presetRange('yesterday', now, TZ);
    const previousMonth = presetRange('lastMonth', new Date(resolvePeriod(lastMonth, TZ).start.getTime() - 86_400_000), TZ);
    const today = DateTime.fromJSDate(now, { zone: TZ });
    const year = { from: today.minus({ days: 364 }).toISODate()!, to: today.toISODate()! };
    const o = org;

    const history = await loadHistory();
    if (history) {
      const month = resolvePeriod(lastMonth, TZ);
      await measure('history: first page (50), no filter', () => history.listCalls(prisma, o.organizationId, {}, { limit: 50 }));
      await measure('history: first page, a month + group + outcome', () =>
        history.listCalls(prisma, o.organizationId, { from: month.start, to: month.end, groupId: o.groupIds[2], outcome: 'cancelled' }, { limit: 50 }),
      );
      await measure('history: first page, an agent', () => history.listCalls(prisma, o.organizationId, { agentId: o.agentIds[5] }, { limit: 50 }));
      await measure('history: first page, a number + flow-only end', () => history.listCalls(prisma, o.organizationId, { entryNumber: o.numbers[3], outcome: 'flow_end' }, { limit: 50 }));
      await measure('history: first page, caller prefix +3361', () => history.listCalls(prisma, o.organizationId, { caller: '+3361' }, { limit: 50 }));
      let cursor: string | undefined;
      for (let i = 0; i < 49; i++) cursor = (await history.listCalls(prisma, o.organizationId, {}, { cursor, limit: 50 })).nextCursor ?? undefined;
      await measure('history: page 50 (cursor)', () => history.listCalls(prisma, o.organizationId, {}, { cursor, limit: 50 }));
    }

    const stats = (by: StatsRequest['by'], period: StatsRequest['period'], comparison: StatsRequest['comparison']) => () =>
      computeStats(prisma, o.organizationId, { by, period, comparison, tz: TZ });
    // The first statistics of a year build the daily rollup of its days (once; kept until a call of a day changes).
    const t0 = performance.now();
    const first = await computeStats(prisma, o.organizationId, { by: 'group', period: year, comparison: null, tz: TZ });
    console.log(`first statistics of the year (builds the rollup of its 365 days): ${(performance.now() - t0).toFixed(0)} ms, ${first.totals.current.offered.toLocaleString('en')} calls\n`);
    await measure('stats: a day by group (vs the day before; exact)', stats('group', lastDay, previousPeriod(lastDay)));
    await measure('stats: a month by group (no comparison)', stats('group', lastMonth, null));
    await measure('stats: a month by agent (vs the previous month)', stats('agent', lastMonth, previousMonth));
    await measure('stats: this month by flow (today read from the calls)', stats('flow', presetRange('thisMonth', now, TZ), null));
    await measure('stats: a year by group (no comparison)', stats('group', year, null));
    await measure('stats: a year by agent (no comparison)', stats('agent', year, null));
    await measure('stats: a year by number (vs the year before)', stats('number', year, previousPeriod(year)));
    const daySpan = resolvePeriod(lastDay, TZ);
    await measure('sql on the calls: figures of a day by agent (exact path)', () => queryFigures(prisma, o.organizationId, daySpan, 'agent'));

    const over = results.filter((r) => r.p95 >= TARGET_MS);
    console.log(`\n${results.length - over.length}/${results.length} queries with p95 under ${TARGET_MS} ms${over.length ? `; over: ${over.map((r) => r.name).join(', ')}` : ''}`);
  } finally {
    await prisma.$disconnect();
    if (!KEEP) await withAdmin((c) => c.query(`DROP DATABASE IF EXISTS "${db.name}" WITH (FORCE)`));
  }
}
