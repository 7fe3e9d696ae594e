// `npm start` keeps the product up when one of its processes dies: the real launcher on the
// embedded PostgreSQL, then
//   - the SIP edge killed with SIGKILL: within 5 s the edge answers SIP again (OPTIONS) and the
//     demo number is answered, while the admin and the flow runtime keep their processes;
//   - the admin killed with SIGKILL: within 10 s the sign-in page answers again, while the edge
//     and the runtime keep their processes and the demo number stays answered;
//   - the embedded database killed with SIGKILL: started again, the demo number answered again,
//     no service restarted;
//   - SIGTERM right after a service was killed (the launcher used to wait forever for the exit
//     event of a signal-killed child): the launcher exits 0 and nothing is left running,
//     the embedded database included.
// Skipped, with a message, when the admin build is missing (see tests/start/support.ts).
// Printed (not asserted): the time each service took to come back.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runSipp, sippOk } from '../sip-edge/helpers';
import { ack, inDialogRequest, scenario } from '../sip-edge/scenarios';
import { callerInvite } from '../calls/support';
import { sleep } from '../media/support/rtp-peer';
import {
  DEMO_LINE, adminBuildMissing, canBindTcp, canBindUdp, distinctFreePorts, embeddedPostgresPid, isGone, killLeftovers, launch,
  processesOf, servicePids, stop, waitForNewLine, type Launcher, type Ports,
} from './support';

const buildMissing = adminBuildMissing();
if (buildMissing) console.warn(`tests/start/restart: skipped, ${buildMissing}`);

const BACK_WITHIN_MS = 5_000;
/** The admin (a Next.js server) takes longer to start than the SIP services: 4–5 s when the machine is busy with other tests. */
const ADMIN_BACK_WITHIN_MS = 10_000;

let dataDir = '';
let ports: Ports;
let launcher: Launcher | undefined;
let demo: { number: string; host: string; port: number } | undefined;

/** One SIP OPTIONS over UDP; resolves with the status line, or null when nothing answers within `timeoutS`. */
async function options(timeoutS = 1): Promise<string | null> {
  const run = runSipp(scenario(
    `<send retrans="200"><![CDATA[
OPTIONS sip:[remote_ip]:[remote_port] SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
From: <sip:probe@[local_ip]:[local_port]>;tag=[call_number]
To: <sip:[remote_ip]:[remote_port]>
Call-ID: [call_id]
CSeq: 1 OPTIONS
Max-Forwards: 70
Content-Length: 0

]]></send>`,
    '<recv response="200"/>',
  ), `127.0.0.1:${ports.sip}`, ['-m', '1'], { timeoutS });
  const r = await run.done;
  return r.code === 0 ? '200' : null;
}

/** A call to the demo number that must be answered (200), then hung up by the caller. */
async function demoCallAnswered(timeoutS = 20): Promise<string> {
  const r = await runSipp(scenario(
    callerInvite(demo!.number),
    '<recv response="100" optional="true"/>',
    '<recv response="180" optional="true"/>',
    '<recv response="183" optional="true"/>',
    '<recv response="200" rrs="true"/>',
    ack,
    '<pause milliseconds="300"/>',
    inDialogRequest('BYE', 2),
    '<recv response="200"/>',
  ), `${demo!.host}:${demo!.port}`, ['-m', '1'], { timeoutS }).done;
  return sippOk(r);
}

/** Polls `check` until it is true; returns the milliseconds it took, or throws after `timeoutMs`. */
async function timeUntil(check: () => Promise<boolean>, what: string, timeoutMs: number, since: number): Promise<number> {
  while (performance.now() - since < timeoutMs) {
    if (await check()) return performance.now() - since;
    await sleep(100);
  }
  throw new Error(`${what}: not within ${timeoutMs / 1000} s; launcher output:\n${launcher!.output().slice(-3000)}`);
}

beforeAll(async () => {
  if (buildMissing) return;
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'relais-restart-'));
  const [admin, sip, drachtio, database] = await distinctFreePorts(4);
  const rtpMin = 40_000 + 2 * Math.floor(Math.random() * 4000);
  ports = { admin, sip, drachtio, database, rtpMin, rtpMax: rtpMin + 198 };
  launcher = launch(dataDir, ports);
  const { match } = await launcher.waitForLine([DEMO_LINE], 150_000);
  demo = { number: match[2], host: match[3], port: Number(match[4]) };
}, 160_000);

beforeEach((ctx) => {
  if (buildMissing) ctx.skip(buildMissing);
});

afterAll(async () => {
  if (launcher) killLeftovers(launcher, dataDir);
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('npm start restarts a service that died, the others keep running', () => {
  it('the SIP edge killed with SIGKILL answers again within 5 s, and so does the demo number', async () => {
    expect(await demoCallAnswered()).toBe('ok');
    const before = servicePids(launcher!);
    const logged = waitForNewLine(launcher!, /relais: sip-edge stopped unexpectedly \(killed by SIGKILL\); restarting in/, 10_000);
    const killedAt = performance.now();
    process.kill(before['sip-edge']!, 'SIGKILL');
    await logged;
    const edgeBack = await timeUntil(async () => (await options()) === '200', 'the restarted edge answering OPTIONS', BACK_WITHIN_MS, killedAt);
    const callBack = await timeUntil(async () => (await demoCallAnswered(4)) === 'ok', 'the demo number answered again', BACK_WITHIN_MS, killedAt);
    console.log(`sip-edge SIGKILLed: answering OPTIONS again after ${(edgeBack / 1000).toFixed(1)} s, the demo number after ${(callBack / 1000).toFixed(1)} s`);
    const after = servicePids(launcher!);
    expect(after['sip-edge']).toBeTypeOf('number');
    expect(after['sip-edge']).not.toBe(before['sip-edge']);
    expect(after.admin, 'the admin kept its process').toBe(before.admin);
    expect(after['flow-runtime'], 'the flow runtime kept its process').toBe(before['flow-runtime']);
    expect(launcher!.output()).toMatch(/relais: sip-edge is running again/);
  }, 60_000);

  it('the admin killed with SIGKILL serves the sign-in page again within 10 s; calls are answered meanwhile', async () => {
    const before = servicePids(launcher!);
    const signIn = `http://127.0.0.1:${ports.admin}/sign-in`;
    expect((await fetch(signIn)).status).toBe(200);
    const killedAt = performance.now();
    process.kill(before.admin!, 'SIGKILL');
    // While the admin is down, the phone side is untouched.
    expect(await demoCallAnswered()).toBe('ok');
    const back = await timeUntil(
      () => fetch(signIn, { signal: AbortSignal.timeout(1000) }).then((r) => r.status === 200, () => false),
      'the restarted admin serving /sign-in', ADMIN_BACK_WITHIN_MS, killedAt,
    );
    console.log(`admin SIGKILLed: serving /sign-in again after ${(back / 1000).toFixed(1)} s`);
    const after = servicePids(launcher!);
    expect(after.admin).not.toBe(before.admin);
    expect(after['sip-edge'], 'the edge kept its process').toBe(before['sip-edge']);
    expect(after['flow-runtime'], 'the flow runtime kept its process').toBe(before['flow-runtime']);
    expect(launcher!.output()).toMatch(/relais: admin stopped unexpectedly \(killed by SIGKILL\); restarting in 0\.5 s/);
  }, 60_000);

  it('the embedded database killed with SIGKILL is started again and calls are answered again, with the services untouched', async () => {
    const before = servicePids(launcher!);
    const database = embeddedPostgresPid(dataDir);
    expect(database, 'the embedded PostgreSQL server').toBeTypeOf('number');
    const killedAt = performance.now();
    process.kill(database!, 'SIGKILL');
    await waitForNewLine(launcher!, /relais: the embedded database is running again/, 30_000);
    const back = await timeUntil(async () => (await demoCallAnswered(4)) === 'ok', 'the demo number answered after the database restart', 30_000, killedAt);
    console.log(`embedded database SIGKILLed: running again and the demo number answered after ${(back / 1000).toFixed(1)} s`);
    expect(embeddedPostgresPid(dataDir)).not.toBe(database);
    expect(servicePids(launcher!)).toEqual(before);
  }, 60_000);

  it('SIGTERM just after a service was killed: exit 0 promptly, every process gone, the embedded database included', async () => {
    const pids = servicePids(launcher!);
    const database = embeddedPostgresPid(dataDir);
    expect(database, 'the embedded PostgreSQL server').toBeTypeOf('number');
    process.kill(pids['flow-runtime']!, 'SIGKILL');
    await waitForNewLine(launcher!, /relais: flow-runtime stopped unexpectedly \(killed by SIGKILL\)/, 10_000);
    const exit = await Promise.race([stop(launcher!), sleep(30_000).then(() => null)]);
    expect(exit, `the launcher did not exit within 30 s of SIGTERM; output:\n${launcher!.output().slice(-3000)}`).toEqual({ code: 0, signal: null });
    for (const [name, pid] of Object.entries(pids)) expect(isGone(pid!), `${name} (pid ${pid}) still running`).toBe(true);
    expect(isGone(database!), 'the embedded database still running').toBe(true);
    expect(processesOf(dataDir), 'processes of this Relais still running (a restart after the stop?)').toEqual([]);
    expect(await canBindUdp(ports.sip)).toBe(true);
    expect(await canBindTcp(ports.admin)).toBe(true);
    expect(await canBindTcp(ports.database)).toBe(true);
  }, 60_000);
});
