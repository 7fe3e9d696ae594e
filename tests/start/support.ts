// The launcher (`npm start` = node --import tsx scripts/start.ts) as a child process of a test, on free
// loopback ports and a temp data dir, with helpers to read its output and find its services.
// Shared by the tests of tests/start.
import { spawn, type ChildProcess } from 'node:child_process';
import dgram from 'node:dgram';
import { readFileSync, readdirSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { adminBuildIsStale } from '@/scripts/build-freshness';
import { freeUdpPort } from '../sip-edge/helpers';

export const root = path.resolve(import.meta.dirname, '../..');
export const distDir = process.env.NEXT_DIST_DIR || '.next';

/** Why the launcher tests cannot run (no fresh admin build), or null. */
export function adminBuildMissing(): string | null {
  return adminBuildIsStale(root, distDir)
    ? `the admin build in ${distDir} is missing or older than its sources: run \`NEXT_DIST_DIR=${distDir} npx next build\` ` +
        'first (npm test does); this test does not build it (minutes)'
    : null;
}

export const DEMO_LINE = /^\s*demo: (sip:([^@\s]+)@([^:\s]+):(\d+))\s*$/;
export const BUILDING_LINE = /relais: building the admin/;

export interface Ports { admin: number; sip: number; drachtio: number; database: number; rtpMin: number; rtpMax: number }

export interface Launcher {
  child: ChildProcess;
  output: () => string;
  /** performance.now() at which each output line arrived. */
  lines: { at: number; line: string }[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves with the first output line matching one of `patterns` (index and match). */
  waitForLine(patterns: RegExp[], timeoutMs: number): Promise<{ index: number; match: RegExpMatchArray }>;
}

// Relais settings a developer's shell may carry: the launcher must see only the test's.
const RELAIS_VARIABLES = [
  'DATABASE_URL', 'RELAIS_DATA_DIR', 'PORT', 'HOST', 'EMBEDDED_PG_PORT', 'PGLITE_PORT', 'SIP_EDGE_SIP_HOST', 'SIP_EDGE_SIP_PORT',
  'SIP_EDGE_ADVERTISED_HOST', 'DRACHTIO_HOST', 'DRACHTIO_PORT', 'DRACHTIO_SECRET', 'BETTER_AUTH_SECRET',
  'BETTER_AUTH_URL', 'RTP_HOST', 'RTP_ADVERTISED_ADDRESS', 'RTP_PORT_MIN', 'RTP_PORT_MAX', 'NODE_ENV', 'TRUNK_HOST', 'SMS_PROVIDER',
];

export function launch(dataDir: string, ports: Ports): Launcher {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of RELAIS_VARIABLES) delete env[name];
  for (const name of Object.keys(env)) if (name.startsWith('VITEST')) delete env[name];
  Object.assign(env, {
    RELAIS_DATA_DIR: dataDir,
    NEXT_DIST_DIR: distDir,
    PORT: String(ports.admin),
    SIP_EDGE_SIP_PORT: String(ports.sip),
    DRACHTIO_PORT: String(ports.drachtio),
    EMBEDDED_PG_PORT: String(ports.database),
    RTP_PORT_MIN: String(ports.rtpMin),
    RTP_PORT_MAX: String(ports.rtpMax),
  });
  // What `npm start` runs (package.json: "node --import tsx scripts/start.ts"), in its own
  // process group so that the cleanup can always reach whatever is left.
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
    cwd: root, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let pending = '';
  const listeners = new Set<(line: string) => void>();
  const timed: { at: number; line: string }[] = [];
  const exitListeners = new Set<(e: { code: number | null }) => void>();
  const onData = (chunk: Buffer) => {
    output += chunk.toString();
    pending += chunk.toString();
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      timed.push({ at: performance.now(), line });
      for (const listener of listeners) listener(line);
    }
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => {
      for (const listener of exitListeners) listener({ code });
      resolve({ code, signal });
    }));
  return {
    child,
    output: () => output,
    lines: timed,
    exited,
    waitForLine(patterns, timeoutMs) {
      const seen = output.split('\n');
      return new Promise((resolve, reject) => {
        const check = (line: string) => {
          for (const [index, pattern] of patterns.entries()) {
            const match = line.match(pattern);
            if (match) {
              done();
              resolve({ index, match });
              return true;
            }
          }
          return false;
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`no line matching ${patterns.join(' or ')} within ${timeoutMs / 1000} s; launcher output:\n${output.slice(-4000)}`));
        }, timeoutMs);
        const onExit = ({ code }: { code: number | null }) => {
          done();
          reject(new Error(`the launcher exited (code ${code}) before a line matching ${patterns.join(' or ')}; output:\n${output.slice(-4000)}`));
        };
        const done = () => {
          clearTimeout(timer);
          listeners.delete(check);
          exitListeners.delete(onExit);
        };
        if (seen.some(check)) return;
        if (child.exitCode !== null || child.signalCode !== null) return onExit({ code: child.exitCode });
        listeners.add(check);
        exitListeners.add(onExit);
      });
    },
  };
}

/** Every process below `pid` with its command line (from /proc). */
export function descendants(pid: number): { pid: number; cmdline: string }[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // exited meanwhile
    }
  }
  const out: { pid: number; cmdline: string }[] = [];
  const queue = [...(children.get(pid) ?? [])];
  while (queue.length) {
    const p = queue.shift()!;
    let cmdline = '';
    try {
      cmdline = readFileSync(`/proc/${p}/cmdline`, 'utf8').split('\0').join(' ');
    } catch {
      continue;
    }
    out.push({ pid: p, cmdline });
    queue.push(...(children.get(p) ?? []));
  }
  return out;
}

/** A process is gone when it has no /proc entry (or is a zombie: dead, holding nothing, not yet reaped). */
export function isGone(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return true;
  }
}

export const SERVICES = { 'sip-edge': 'sip-edge/main.ts', admin: 'app/server.ts', 'flow-runtime': 'flow-runtime/main.ts' } as const;

/** The launcher's three services among its descendants (pid by service name). */
export function servicePids(launcher: Launcher): Record<keyof typeof SERVICES, number | undefined> {
  const all = descendants(launcher.child.pid!);
  const pidOf = (script: string) => all.find((p) => p.cmdline.includes(script))?.pid;
  return { 'sip-edge': pidOf(SERVICES['sip-edge']), admin: pidOf(SERVICES.admin), 'flow-runtime': pidOf(SERVICES['flow-runtime']) };
}

export function canBindTcp(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

export function canBindUdp(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = dgram.createSocket('udp4');
    socket.once('error', () => resolve(false));
    socket.bind(port, '127.0.0.1', () => socket.close(() => resolve(true)));
  });
}

export async function distinctFreePorts(count: number): Promise<number[]> {
  const ports = new Set<number>();
  while (ports.size < count) ports.add(await freeUdpPort()); // free on both UDP and TCP
  return [...ports];
}

/** SIGTERM to the launcher (if still running); resolves with how it exited. */
export async function stop(launcher: Launcher): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (launcher.child.exitCode === null && launcher.child.signalCode === null) launcher.child.kill('SIGTERM');
  return launcher.exited;
}

/** Resolves with the first output line matching `pattern` that arrives after this call. */
export function waitForNewLine(launcher: Launcher, pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray> {
  const from = launcher.lines.length;
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const poll = setInterval(() => {
      for (const { line } of launcher.lines.slice(from)) {
        const match = line.match(pattern);
        if (match) {
          clearInterval(poll);
          return resolve(match);
        }
      }
      if (performance.now() - started > timeoutMs) {
        clearInterval(poll);
        reject(new Error(`no new line matching ${pattern} within ${timeoutMs / 1000} s; launcher output:\n${launcher.output().slice(-3000)}`));
      }
    }, 50);
  });
}

/** The embedded PostgreSQL server of a launcher's data dir (its postmaster.pid), if running. */
export function embeddedPostgresPid(dataDir: string): number | undefined {
  try {
    const pid = Number(readFileSync(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);
    return Number.isInteger(pid) && pid > 1 && !isGone(pid) ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** Processes started for this data dir (the launcher passes RELAIS_DATA_DIR to all it starts). */
export function processesOf(dataDir: string): number[] {
  const marker = `RELAIS_DATA_DIR=${dataDir}\0`;
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      if (readFileSync(`/proc/${entry}/environ`, 'utf8').includes(marker) && !isGone(Number(entry))) found.push(Number(entry));
    } catch {
      // exited meanwhile, or not ours to read
    }
  }
  return found;
}

/**
 * Whatever a failed or skipped test left running: the launcher's process group (services, an
 * interrupted `next build`) and the embedded database, which runs in its own process group.
 */
export function killLeftovers(launcher: Launcher, dataDir: string): void {
  try {
    process.kill(-launcher.child.pid!, 'SIGKILL');
  } catch {
    // gone
  }
  const database = dataDir ? embeddedPostgresPid(dataDir) : undefined;
  if (database) {
    try {
      process.kill(database, 'SIGQUIT'); // immediate shutdown; its backends follow
    } catch {
      // gone
    }
  }
}
