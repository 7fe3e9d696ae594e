// `npm start`: the whole product on one machine with embedded defaults.
//   1. PostgreSQL: DATABASE_URL if set, else embedded PGlite in .data/pglite (loopback port).
//   2. Migrations (prisma migrate deploy), then the idempotent demo seed.
//   3. The admin (Next.js + socket.io), the SIP edge and the flow runtime, each its own process.
// `npm run dev` does the same with Next.js in development mode (no build step).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { databaseUrl, DEFAULT_PGLITE_PORT } from '../prisma/database-url';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded-postgres';
import { runCommand, stopRunningCommands } from './run-command';
import { adminBuildIsStale } from './build-freshness';
import { loadOrCreateSecrets } from './secrets';
import { hasPendingMigrations } from './pending-migrations';
import { startService, type Service } from './services';
import { reportOptionalTools } from './optional-tools';

const root = path.resolve(import.meta.dirname, '..');
const dev = process.argv.includes('--dev');
const dataDir = path.resolve(root, process.env.RELAIS_DATA_DIR ?? '.data');
const adminPort = Number(process.env.PORT ?? 3000);
const adminHost = process.env.HOST ?? '127.0.0.1';
const sipHost = process.env.SIP_EDGE_SIP_HOST ?? '127.0.0.1';
const sipPort = Number(process.env.SIP_EDGE_SIP_PORT ?? 5060);
const drachtioPort = Number(process.env.DRACHTIO_PORT ?? 9022);

const services: Service[] = [];
let embedded: EmbeddedPostgres | undefined;
let stopping = false;

async function stopAll(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    console.log('relais: stopping…');
    stopRunningCommands(); // a migration or an admin build in progress
    for (const service of [...services].reverse()) await service.stop();
    await embedded?.stop();
  }
  process.exit(code);
}
process.once('SIGINT', () => void stopAll(0));
process.once('SIGTERM', () => void stopAll(0));

function onServiceExit(name: string) {
  return (code: number | null) => {
    if (stopping) return;
    console.error(`relais: ${name} stopped unexpectedly (exit code ${code}); stopping everything`);
    void stopAll(1);
  };
}

async function main(): Promise<void> {
  reportOptionalTools();
  const secrets = loadOrCreateSecrets(dataDir);

  if (!process.env.DATABASE_URL) {
    const port = Number(process.env.PGLITE_PORT ?? DEFAULT_PGLITE_PORT);
    console.log(`relais: starting embedded PostgreSQL (PGlite) in ${path.join(dataDir, 'pglite')}…`);
    embedded = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'pglite'), port });
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
    services.push(
      await startService({
        name: 'sip-edge',
        args: [path.join(root, 'sip-edge', 'main.ts')],
        env,
        readyPattern: /listening|listen on|ready/i,
        onExit: onServiceExit('sip-edge'),
      }),
    );
  }
  services.push(
    await startService({
      name: 'admin',
      args: [path.join(root, 'app', 'server.ts')],
      env: { ...env, PORT: String(adminPort), HOST: adminHost, NODE_ENV: dev ? 'development' : 'production' },
      readyPattern: /admin: listening on/,
      timeoutMs: 300_000,
      onExit: onServiceExit('admin'),
    }),
  );
  services.push(
    await startService({
      name: 'flow-runtime',
      args: [path.join(root, 'flow-runtime', 'main.ts')],
      env,
      // Ready once connected to the SIP edge: from then on a call to the demo number is answered.
      readyPattern: /connected to drachtio at /,
      onExit: onServiceExit('flow-runtime'),
    }),
  );

  const lines = [
    '',
    'Relais is running.',
    `  admin:        http://localhost:${adminPort}`,
    `  database:     ${embedded ? `embedded PGlite on 127.0.0.1:${embedded.port} (data in ${path.join(dataDir, 'pglite')})` : 'DATABASE_URL'}`,
    `  SIP:          ${sipHost}:${sipPort} (UDP and TCP)`,
    `  drachtio:     127.0.0.1:${drachtioPort}`,
  ];
  if (seed?.demoNumber) lines.push(`  demo: sip:${seed.demoNumber}@${sipHost}:${sipPort}`);
  if (seed?.admin) {
    lines.push('', 'First start: demo organisation created. Sign in with:');
    lines.push(`  email:    ${seed.admin.email}`, `  password: ${seed.admin.password}`);
    for (const agent of seed.agents ?? []) lines.push(`  SIP agent ${agent.sipUsername} password: ${agent.password}`);
    lines.push('  (shown once; change it in the admin)');
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
