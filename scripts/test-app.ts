// Test harness: a throw-away database and a production admin server for integration tests.
//   1. creates a fresh database on the local PostgreSQL (TEST_DB_NAME, or relais_test_<random>);
//   2. applies the migrations (`prisma migrate deploy`);
//   3. starts the admin server (Next.js production mode + socket.io) from a prior
//      `next build` in NEXT_DIST_DIR (default `.next`) on TEST_PORT (default: a free port);
//   4. prints one line `READY <url> <databaseUrl>`;
//   5. on SIGTERM/SIGINT (or stdin closing) stops the server and drops the database.
// Environment: TEST_PG_URL (server to create the database on, default
// postgresql://postgres@127.0.0.1:5432/postgres), TEST_DB_NAME, TEST_PORT, NEXT_DIST_DIR,
// BETTER_AUTH_SECRET (random when unset), TEST_KEEP_DB=1 to keep the database.
//   npx tsx scripts/test-app.ts
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';

const root = path.resolve(import.meta.dirname, '..');
const distDir = process.env.NEXT_DIST_DIR || '.next';
const adminUrl = new URL(process.env.TEST_PG_URL || 'postgresql://postgres@127.0.0.1:5432/postgres');
const dbName = process.env.TEST_DB_NAME || `relais_test_${randomBytes(5).toString('hex')}`;
if (!/^[a-z_][a-z0-9_]{0,62}$/.test(dbName)) throw new Error(`TEST_DB_NAME "${dbName}" must be a plain lower-case identifier`);
const dbUrl = new URL(adminUrl);
dbUrl.pathname = `/${dbName}`;
const databaseUrl = dbUrl.toString();

function log(message: string) {
  process.stderr.write(`test-app: ${message}\n`);
}

async function withAdminClient<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl.toString() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function dropDatabase() {
  if (process.env.TEST_KEEP_DB === '1') return log(`kept database ${dbName}`);
  await withAdminClient((c) => c.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`));
  log(`dropped database ${dbName}`);
}

if (!existsSync(path.join(root, distDir, 'BUILD_ID'))) {
  log(`no production build in ${distDir}/: run \`NEXT_DIST_DIR=${distDir} npx next build\` first`);
  process.exit(2);
}

await withAdminClient((c) => c.query(`CREATE DATABASE "${dbName}"`));
log(`created database ${dbName}`);

let stopping = false;
let server: { close(): Promise<void> } | undefined;
async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  try {
    await Promise.race([server?.close(), new Promise((r) => setTimeout(r, 5_000))]);
    const prisma = (globalThis as { relaisPrisma?: { $disconnect(): Promise<void> } }).relaisPrisma;
    await prisma?.$disconnect().catch(() => undefined);
    await dropDatabase();
  } catch (err) {
    log(`cleanup failed: ${(err as Error).message}`);
  } finally {
    process.exit(code);
  }
}
process.once('SIGTERM', () => void stop(0));
process.once('SIGINT', () => void stop(0));
// With TEST_APP_WATCH_STDIN=1 (set by vitest's global setup), stop when the parent's pipe
// closes, so a parent that dies without signalling leaves no database behind.
if (process.env.TEST_APP_WATCH_STDIN === '1') {
  process.stdin.on('end', () => void stop(0));
  process.stdin.on('error', () => undefined);
  process.stdin.resume();
}

try {
  const migrate = spawnSync(path.join(root, 'node_modules/.bin/prisma'), ['migrate', 'deploy'], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    encoding: 'utf8',
  });
  if (migrate.status !== 0) throw new Error(`prisma migrate deploy failed:\n${migrate.stdout}\n${migrate.stderr}`);
  log('migrations applied');

  Object.assign(process.env, {
    DATABASE_URL: databaseUrl,
    NEXT_DIST_DIR: distDir,
    NODE_ENV: 'production',
    RELAIS_TEST: '1',
    // tests/api/login-limits.test.ts connects from 127.0.0.2 as a reverse proxy would.
    TRUSTED_PROXIES: process.env.TRUSTED_PROXIES ?? '127.0.0.2',
    BETTER_AUTH_SECRET: process.env.BETTER_AUTH_SECRET || randomBytes(32).toString('hex'),
  });
  const { startAdminServer } = await import('../app/server');
  const admin = await startAdminServer({ port: Number(process.env.TEST_PORT ?? 0), host: '127.0.0.1', dev: false });
  server = admin;
  process.stdout.write(`READY ${admin.url} ${databaseUrl}\n`);
} catch (err) {
  log((err as Error).stack ?? String(err));
  await stop(1);
}
