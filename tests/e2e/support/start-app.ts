// Starts the admin against a fresh PostgreSQL database (127.0.0.1:5432, user postgres) with
// the migrations applied, and prints `READY <url> <databaseUrl>`. Used by the Playwright
// webServer until scripts/test-app.ts exists, and for local UI work with --dev.
//   npx tsx tests/e2e/support/start-app.ts [--dev] [--port N] [--keep-db]
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import path from 'node:path';
import pg from 'pg';

const args = process.argv.slice(2);
const dev = args.includes('--dev');
const keepDb = args.includes('--keep-db');
const portArg = args.indexOf('--port');
const root = path.resolve(import.meta.dirname, '../../..');

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

const adminUrl = process.env.E2E_ADMIN_DB_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const database = `relais_e2e_${Date.now()}_${randomBytes(3).toString('hex')}`;
const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
await admin.query(`CREATE DATABASE ${database}`);
await admin.end();
const databaseUrl = `postgresql://postgres@127.0.0.1:5432/${database}?sslmode=disable`;

process.env.DATABASE_URL = databaseUrl;
process.env.RELAIS_TEST = '1';
process.env.BETTER_AUTH_SECRET ??= randomBytes(32).toString('hex');
execFileSync('npx', ['prisma', 'migrate', 'deploy'], { cwd: root, env: process.env, stdio: ['ignore', 'ignore', 'inherit'] });

const { startAdminServer } = await import('@/app/server');
const port = portArg >= 0 ? Number(args[portArg + 1]) : await freePort();
const server = await startAdminServer({ port, host: '127.0.0.1', dev });
console.log(`READY ${server.url} ${databaseUrl}`);

async function stop() {
  await server.close().catch(() => undefined);
  if (!keepDb) {
    const { getPrisma } = await import('@/prisma/client');
    await getPrisma().$disconnect().catch(() => undefined);
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`).catch(() => undefined);
    await client.end();
  }
  process.exit(0);
}
process.once('SIGINT', () => void stop());
process.once('SIGTERM', () => void stop());
