// The embedded default database under concurrent clients, through `npm start` as a user runs
// it (no DATABASE_URL): the launcher's embedded PostgreSQL, the seeded demo.
//   - 150 overlapping SIPp calls to the demo number, 15 new calls a second, at most 40 at once:
//     every call is answered and hung up cleanly, each leaves its call record (ended), and no
//     database error is logged by any process. (PGlite behind pglite-socket mixed up the
//     statements of concurrent connections: 3 of 150 calls failed, records were lost.)
//   - 50 parallel saves of the demo flow's draft from the same revision: exactly one 200 and
//     49 × 409, and the stored draft is the winner's document at the next revision.
//   - Ctrl+C as a terminal sends it (SIGINT to the whole foreground process group: the launcher,
//     tsx and the services), twice: the launcher exits 0 and restarts nothing, and no process of this
//     Relais is left, the embedded database included (it has its own process group and is
//     stopped last, after the services wrote their last records).
// Skipped, with a message, when the admin build is missing (see tests/start/support.ts).
// Printed: the embedded database's start time, the 150-call run's duration and failures.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runSipp, sippOk } from '../sip-edge/helpers';
import { ack, inDialogRequest, scenario } from '../sip-edge/scenarios';
import { callerInvite, eventually } from '../calls/support';
import {
  DEMO_LINE, adminBuildMissing, canBindTcp, distinctFreePorts, embeddedPostgresPid, isGone, killLeftovers, launch, processesOf, stop,
  type Launcher, type Ports,
} from './support';

const buildMissing = adminBuildMissing();
if (buildMissing) console.warn(`tests/start/embedded-db: skipped, ${buildMissing}`);

const CALLS = 150;
const RATE = 15;
const AT_ONCE = 40;
const SAVES = 50;

// What a database problem looks like in the services' logs: pg/Prisma errors, the protocol
// mix-ups PGlite produced, connection trouble, and the server's own ERROR/FATAL lines.
const DATABASE_ERROR = new RegExp([
  'bind message', 'portal ".*" does not exist', 'prepared statement', 'Prisma', '\\bP[12]\\d{3}\\b', 'database', 'too many clients',
  'ECONNREFUSED', 'ECONNRESET', 'Connection terminated', 'timeout exceeded when trying to connect', '^\\[postgres\\]',
].join('|'), 'i');

let dataDir = '';
let ports: Ports;
let launcher: Launcher | undefined;
let demo: { number: string; host: string; port: number } | undefined;
let databaseUrl = '';

async function query<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  if (buildMissing) return;
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'relais-embedded-db-'));
  const [admin, sip, drachtio, database] = await distinctFreePorts(4);
  const rtpMin = 40_000 + 2 * Math.floor(Math.random() * 4000);
  // Two RTP ports a call (even port, odd RTCP): room for the 40 at once and some lingering.
  ports = { admin, sip, drachtio, database, rtpMin, rtpMax: rtpMin + 998 };
  launcher = launch(dataDir, ports);
  const { match } = await launcher.waitForLine([DEMO_LINE], 150_000);
  demo = { number: match[2], host: match[3], port: Number(match[4]) };
  const ready = launcher.output().match(/embedded PostgreSQL ready in ([\d.]+) s/);
  console.log(`embedded PostgreSQL (new cluster, initdb included) ready in ${ready?.[1]} s`);
  databaseUrl = `postgresql://postgres:postgres@127.0.0.1:${ports.database}/postgres`;
}, 160_000);

beforeEach((ctx) => {
  if (buildMissing) ctx.skip(buildMissing);
});

afterAll(async () => {
  if (launcher) {
    await Promise.race([stop(launcher), new Promise((r) => setTimeout(r, 30_000))]);
    killLeftovers(launcher, dataDir);
  }
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('the embedded database under concurrent clients (npm start defaults)', () => {
  it(`${CALLS} overlapping calls to the demo number (${RATE}/s, ${AT_ONCE} at once) all succeed, with their records and no database error`, async () => {
    const before = Number((await query<{ n: string }>('SELECT count(*) AS n FROM "Call"'))[0].n);
    const fromLine = launcher!.lines.length;
    const t0 = performance.now();
    const r = await runSipp(scenario(
      callerInvite(demo!.number),
      '<recv response="100" optional="true"/>',
      '<recv response="180" optional="true"/>',
      '<recv response="183" optional="true"/>',
      '<recv response="200" rrs="true"/>',
      ack,
      // About AT_ONCE / RATE seconds in the call: 40 calls overlap at 15 new calls a second.
      '<pause milliseconds="2700"/>',
      inDialogRequest('BYE', 2),
      '<recv response="200"/>',
    ), `${demo!.host}:${demo!.port}`, ['-r', String(RATE), '-l', String(AT_ONCE), '-m', String(CALLS), '-trace_stat', '-stf', path.join(dataDir, 'sipp-stats.csv')], { timeoutS: 180 }).done;
    const seconds = (performance.now() - t0) / 1000;
    const failed = r.stdout.match(/Failed call\s+\|\s+\d+\s+\|\s+(\d+)/)?.[1] ?? (r.code === 0 ? '0' : '?');
    console.log(`${CALLS} calls at ${RATE}/s (${AT_ONCE} at once) on the embedded database: ${seconds.toFixed(1)} s, ${failed} failed`);
    expect(sippOk(r)).toBe('ok');

    // Each call's record, ended: written by the runtime once the call is over.
    const ended = await eventually(async () => {
      const [row] = await query<{ n: string; ended: string }>(
        'SELECT count(*) AS n, count("endedAt") AS ended FROM "Call"',
      );
      return Number(row.ended) - before >= CALLS ? row : null;
    }, `${CALLS} ended call records`, 60_000);
    expect(Number(ended.n) - before).toBe(CALLS);

    const problems = launcher!.lines.slice(fromLine).map((l) => l.line).filter((line) => DATABASE_ERROR.test(line));
    expect(problems, 'database errors logged during the calls').toEqual([]);
  }, 300_000);

  it(`${SAVES} parallel saves of the same draft revision: exactly one 200 and ${SAVES - 1} × 409, the winner's document stored`, async () => {
    const email = launcher!.output().match(/^\s*email:\s+(\S+)/m)?.[1];
    const password = launcher!.output().match(/^\s*password:\s+(\S+)/m)?.[1];
    expect(email && password, 'the first start printed the admin login').toBeTruthy();
    const base = `http://127.0.0.1:${ports.admin}`;
    // better-auth checks the Origin of state-changing requests against BETTER_AUTH_URL.
    const origin = `http://localhost:${ports.admin}`;
    const signIn = await fetch(`${base}/api/auth/sign-in/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin },
      body: JSON.stringify({ email, password }),
    });
    expect(signIn.status).toBe(200);
    const cookie = signIn.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    // The API refuses session writes whose Origin is not its own host (the address used here).
    const headers = { cookie, origin: base, 'content-type': 'application/json' };

    const flows = await (await fetch(`${base}/api/flows`, { headers })).json() as { flows: { id: string; name: string }[] };
    const flow = flows.flows[0];
    expect(flow, 'the demo flow').toBeDefined();
    const draft = await (await fetch(`${base}/api/flows/${flow.id}/draft`, { headers })).json() as {
      revision: number;
      document: { nodes: { label?: string }[] };
    };

    // Each save a different document (the first step's label), so the stored one names the winner.
    const documents = Array.from({ length: SAVES }, (_, i) => {
      const document = structuredClone(draft.document);
      document.nodes[0].label = `parallel save ${i}`;
      return document;
    });
    const responses = await Promise.all(documents.map(async (document) => {
      const res = await fetch(`${base}/api/flows/${flow.id}/draft`, {
        method: 'PUT', headers, body: JSON.stringify({ document, revision: draft.revision }),
      });
      return { status: res.status, body: await res.json().catch(() => null) };
    }));
    const statuses = responses.map((r) => r.status);
    const count = (s: number) => statuses.filter((x) => x === s).length;
    expect({ ok: count(200), conflict: count(409), other: statuses.filter((s) => s !== 200 && s !== 409) }).toEqual({ ok: 1, conflict: SAVES - 1, other: [] });

    const winner = statuses.indexOf(200);
    const stored = await (await fetch(`${base}/api/flows/${flow.id}/draft`, { headers })).json() as typeof draft;
    expect(stored.revision).toBe(draft.revision + 1);
    expect(stored.document.nodes[0].label).toBe(`parallel save ${winner}`);
    expect(responses[winner].body.revision).toBe(draft.revision + 1);
  }, 120_000);

  it('Ctrl+C twice (SIGINT to the launcher\'s process group): exit 0, nothing restarted, nothing left running', async () => {
    const database = embeddedPostgresPid(dataDir);
    expect(database, 'the embedded PostgreSQL server').toBeTypeOf('number');
    const fromLine = launcher!.lines.length;
    process.kill(-launcher!.child.pid!, 'SIGINT');
    // Again, as an impatient second Ctrl+C or a wrapper relaying it (npx, timeout) delivers it:
    // it must not cut the orderly stop short.
    // When the stop is quicker than that, the group is already gone (ESRCH): nothing to cut short.
    await new Promise((r) => setTimeout(r, 200));
    try {
      process.kill(-launcher!.child.pid!, 'SIGINT');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ESRCH') throw err;
    }
    const exit = await Promise.race([launcher!.exited, new Promise((r) => setTimeout(() => r(null), 60_000))]);
    expect(exit, `the launcher did not exit within 60 s of Ctrl+C; output:\n${launcher!.output().slice(-3000)}`).toEqual({ code: 0, signal: null });
    const after = launcher!.lines.slice(fromLine).map((l) => l.line);
    expect(after.filter((l) => /stopped unexpectedly|restarting/.test(l))).toEqual([]);
    expect(isGone(database!), 'the embedded database still running').toBe(true);
    expect(processesOf(dataDir)).toEqual([]);
    expect(await canBindTcp(ports.database)).toBe(true);
  }, 90_000);
});
