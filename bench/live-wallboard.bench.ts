// Wallboard latency benchmark (issue 15 "Done means": "live event latency (runtime event →
// browser) p95 under 250 ms with 200 calls in progress").
// Run: npm run bench -- live        (with live-events.bench.ts; needs a `next build` in NEXT_DIST_DIR)
//      npm run bench -- live-wallboard
//      WALL_BENCH_CALLS=200 WALL_BENCH_RATES=20,50,100 WALL_BENCH_EVENTS=600 npm run bench -- live-wallboard
//
// Setup: the real admin server (scripts/test-app.ts: production Next.js + socket.io, fresh database),
// one organisation with WALL_BENCH_AGENTS agents in 4 groups, and WALL_BENCH_CALLS calls in progress,
// each a LiveCallTracker (flow-runtime/live/live-call-view.ts, the runtime's code) on this process's
// Prisma client: a menu entered, and every third call queued in a group. A real browser (Debian's
// Chromium through Playwright) signed in as a supervisor opens /live and shows all of them.
// Then, at each rate, WALL_BENCH_EVENTS step changes (a `node-entered` effect fed to a call's
// tracker, as run-call.ts feeds the session's effects; the calls taken in turn) are timed from the
// tracker's `onSession` (this process) to:
//   - "browser socket": the websocket frame carrying that call.updated reaching the page
//     (window.WebSocket wrapped by an init script);
//   - "shown": the call's row in the page showing the new step (a MutationObserver on data-step),
//     i.e. React has applied the event to a board of 200 calls and rendered it;
//   - "node socket": a socket.io client in this process signed in as the same supervisor;
//   - "runtime side": the tracker's LiveCall upsert and NOTIFY done (where the time goes when the
//     machine is overloaded).
// Both clocks are this machine's (performance.timeOrigin + performance.now(), epoch ms).
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { randomUUID } from 'node:crypto';
import { chromium } from '@playwright/test';
import { io as connectSocket } from 'socket.io-client';
import { createPrismaClient } from '../prisma/client';
import { LiveCallTracker } from '../flow-runtime/live/live-call-view';
import type { CallEvent, CallState, Effect } from '../flow-runtime/interpreter';
import { createOrganizationWithUsers } from '../tests/support/factories';
import { createAgents, paced, quantile, signIn, sleep, startTestApp, until } from './live-events.bench';

const CALLS = Number(process.env.WALL_BENCH_CALLS ?? 200);
const AGENTS = Number(process.env.WALL_BENCH_AGENTS ?? 50);
const RATES = (process.env.WALL_BENCH_RATES ?? '20,50,100').split(',').map(Number);
const EVENTS = Number(process.env.WALL_BENCH_EVENTS ?? 600);
const TARGET_P95_MS = 250;
const DRAIN_MS = 10_000;

const epoch = () => performance.timeOrigin + performance.now();
const log = { info() {}, debug() {}, error() {}, warn() {} };

/** Runs in the page before its scripts: records when each marked step arrives by websocket and when it shows. */
function probe() {
  const w = window as unknown as { __bench: { frame: Record<number, number>; shown: Record<number, number> } };
  w.__bench = { frame: {}, shown: {} };
  const now = () => performance.timeOrigin + performance.now();
  const Native = window.WebSocket;
  class Probed extends Native {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      this.addEventListener('message', (m: MessageEvent) => {
        if (typeof m.data !== 'string' || !m.data.includes('"bench-')) return;
        const at = now();
        // the view's path keeps earlier steps too: the newest marker is the largest number
        let newest = -1;
        for (const match of m.data.matchAll(/"bench-(\d+)"/g)) newest = Math.max(newest, Number(match[1]));
        if (newest >= 0 && !(newest in w.__bench.frame)) w.__bench.frame[newest] = at;
      });
    }
  }
  window.WebSocket = Probed as typeof WebSocket;
  new MutationObserver((records) => {
    const at = now();
    for (const r of records) {
      const step = (r.target as Element).getAttribute?.('data-step');
      const m = step ? /^bench-(\d+)$/.exec(step) : null;
      if (m && !(m[1] in w.__bench.shown)) w.__bench.shown[Number(m[1])] = at;
    }
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-step'] });
}

interface Figures {
  label: string;
  samples: number[];
  expected: number;
}

function line(f: Figures): string[] {
  const s = [...f.samples].sort((a, b) => a - b);
  const v = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : '-');
  return [f.label, String(s.length), v(quantile(s, 0.5)), v(quantile(s, 0.95)), v(quantile(s, 0.99)), v(s.at(-1) ?? NaN), String(f.expected - s.length)];
}

function printTable(rows: Figures[]): void {
  const head = ['path (200 calls in progress)', 'events', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'lost'];
  const lines = rows.map(line);
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const fmt = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(fmt(head));
  for (const l of lines) console.log(fmt(l));
}

export default async function main(): Promise<void> {
  console.log(`machine: ${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}; ${CALLS} calls in progress, ${EVENTS} step changes at ${RATES.join(', ')}/s`);
  const app = await startTestApp();
  const prisma = createPrismaClient(app.databaseUrl);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  const trackers: LiveCallTracker[] = [];
  const rows: Figures[] = [];
  try {
    const org = await createOrganizationWithUsers(prisma, 'Wallboard bench');
    const orgId = org.organization.id;
    const agents = await createAgents(prisma, orgId, AGENTS);
    const groups = await Promise.all(['Support', 'Ventes', 'Facturation', 'Standard'].map((name, g) =>
      prisma.queueGroup.create({ data: { organizationId: orgId, name, members: { create: agents.filter((_, i) => i % 4 === g).map((a, position) => ({ agentId: a.id, position })) } } })));
    const supervisor = await signIn(app.url, org.supervisor);
    if (!('cookie' in supervisor)) throw new Error('no session cookie');

    // The calls in progress: a menu entered; every third one queued in a group.
    const running = { status: 'running', bridgedLeg: null } as unknown as CallState;
    const event = (type: string): CallEvent => ({ type, at: Date.now() }) as CallEvent;
    const nodeEntered = (nodeId: string, nodeType: string, label: string): Effect => ({ type: 'persistEvent', entry: { at: Date.now(), kind: 'node-entered', nodeId, nodeType, data: { label } } }) as Effect;
    for (let i = 0; i < CALLS; i++) {
      const group = groups[i % groups.length];
      const t = new LiveCallTracker(prisma, {
        callId: randomUUID(), organizationId: orgId, direction: 'inbound', entryNumber: '+33199000001', caller: `+336${String(10_000_000 + i)}`, log,
        nodeConfig: (nodeId) => (nodeId === 'queue' ? { groupId: group.id } : undefined),
      });
      trackers.push(t);
      const effects: Effect[] = [nodeEntered('menu', 'menu', 'Accueil')];
      if (i % 3 === 0) effects.push(nodeEntered('queue', 'queue-group', group.name), { type: 'persistEvent', entry: { at: Date.now(), kind: 'queue', data: { event: 'join' } } } as Effect);
      t.onSession({ event: event('callStarted'), state: running, effects });
    }
    await sleep(200);
    await Promise.all(trackers.map((t) => t.settled()));
    await sleep(500); // the group lookups' updates
    await Promise.all(trackers.map((t) => t.settled()));

    // The wall screen.
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'fr-FR' });
    await context.addCookies(supervisor.cookie.split('; ').map((c) => {
      const eq = c.indexOf('=');
      return { name: c.slice(0, eq), value: c.slice(eq + 1), url: app.url };
    }));
    // tsx (esbuild, keepNames) wraps named functions in `__name(…)`: the page needs it too.
    await context.addInitScript({ content: 'window.__name = (f) => f;' });
    await context.addInitScript(probe);
    const page = await context.newPage();
    await page.goto(`${app.url}/live`);
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="wallboard-call"]').length === n, CALLS, { timeout: 60_000 });
    console.log(`  /live shows ${CALLS} calls`);

    const node = connectSocket(app.url, { path: '/socket.io', transports: ['websocket'], extraHeaders: { cookie: supervisor.cookie, origin: app.url }, reconnection: false, forceNew: true });
    await new Promise<void>((resolve, reject) => {
      node.once('connect', () => resolve());
      node.once('connect_error', reject);
    });
    const nodeAt = new Map<number, number>();
    node.on('call.updated', (m: { d?: { path?: { label: string }[] } }) => {
      const label = m?.d?.path?.at(-1)?.label ?? '';
      const match = /^bench-(\d+)$/.exec(label);
      if (match && !nodeAt.has(Number(match[1]))) nodeAt.set(Number(match[1]), epoch());
    });

    let seq = 0;
    for (const rate of RATES) {
      const first = seq;
      const sent = new Map<number, number>();
      const written = new Map<number, number>();
      await paced(EVENTS, rate, (i) => {
        const n = first + i;
        const t = trackers[i % trackers.length];
        sent.set(n, epoch());
        t.onSession({ event: event('bench'), state: running, effects: [nodeEntered(`step-${n}`, 'message', `bench-${n}`)] });
        // the tracker's write is queued by a setImmediate registered just before this one
        setImmediate(() => void t.settled().then(() => written.set(n, epoch())));
      });
      seq = first + EVENTS;
      const count = () => page.evaluate(([a, b]) => {
        const w = window as unknown as { __bench: { frame: Record<number, number>; shown: Record<number, number> } };
        const inRange = (o: Record<number, number>) => Object.keys(o).map(Number).filter((k) => k >= a && k < b).length;
        return Math.min(inRange(w.__bench.frame), inRange(w.__bench.shown));
      }, [first, seq] as const);
      const end = performance.now() + DRAIN_MS;
      while (performance.now() < end && (await count()) < EVENTS) await sleep(100);
      await until(() => [...nodeAt.keys()].filter((k) => k >= first).length >= EVENTS, 2000);
      const got = await page.evaluate(() => (window as unknown as { __bench: { frame: Record<number, number>; shown: Record<number, number> } }).__bench);
      const lat = (at: Record<number, number> | Map<number, number>) => {
        const out: number[] = [];
        for (const [n, t0] of sent) {
          const t1 = at instanceof Map ? at.get(n) : at[n];
          if (t1 !== undefined) out.push(t1 - t0);
        }
        return out;
      };
      rows.push(
        { label: `${rate} steps/s → browser socket (frame in page)`, samples: lat(got.frame), expected: EVENTS },
        { label: `${rate} steps/s → shown on /live (row updated)`, samples: lat(got.shown), expected: EVENTS },
        { label: `${rate} steps/s → node socket.io client`, samples: lat(nodeAt), expected: EVENTS },
        { label: `${rate} steps/s → runtime side: row upserted + NOTIFY sent`, samples: lat(written), expected: EVENTS },
      );
      console.log(`  ${rate} step changes/s: done`);
    }
    node.close();
    await context.close();
  } finally {
    await Promise.all(trackers.map((t) => t.end(null)));
    await browser.close();
    await prisma.$disconnect();
    await app.stop();
  }
  console.log('');
  printTable(rows);
  const p95 = (label: string) => {
    const r = rows.find((x) => x.label === label);
    return r ? quantile([...r.samples].sort((a, b) => a - b), 0.95) : NaN;
  };
  const lost = rows.reduce((n, r) => n + r.expected - r.samples.length, 0);
  console.log(`\nconclusion (${CALLS} calls in progress, target p95 < ${TARGET_P95_MS} ms runtime event → browser):`);
  for (const rate of RATES) {
    const frame = p95(`${rate} steps/s → browser socket (frame in page)`);
    const shown = p95(`${rate} steps/s → shown on /live (row updated)`);
    const written = p95(`${rate} steps/s → runtime side: row upserted + NOTIFY sent`);
    console.log(
      `  ${rate} step changes/s: runtime event → browser socket p95 ${frame.toFixed(1)} ms: ${frame < TARGET_P95_MS ? 'within' : 'NOT within'} the target` +
        ` (the runtime's own write + NOTIFY p95 ${written.toFixed(1)} ms of it); row shown on /live p95 ${shown.toFixed(1)} ms`,
    );
  }
  console.log(`  ${lost ? `${lost} events NOT received` : 'none lost'}; load average at the end ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}.`);
}
