// Shared harness of the runtime-services tests: a fresh PostgreSQL database per test file
// (migrations applied), dropped afterwards; an agent with SIP credentials.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import { computeHa1 } from '@/app/lib/agents/sip-digest';
import { createPrismaClient, type PrismaClient } from '@/prisma/client';

const root = path.resolve(import.meta.dirname, '../..');
const adminUrl = process.env.TEST_PG_URL || 'postgresql://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  url: string;
  name: string;
  prisma: PrismaClient;
  drop(): Promise<void>;
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `relais_rt_${randomBytes(5).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE "${name}"`));
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  const url = u.toString();
  const migrate = spawnSync(path.join(root, 'node_modules/.bin/prisma'), ['migrate', 'deploy'], {
    cwd: root, env: { ...process.env, DATABASE_URL: url }, encoding: 'utf8',
  });
  if (migrate.status !== 0) throw new Error(`migrate deploy failed:\n${migrate.stdout}\n${migrate.stderr}`);
  const prisma = createPrismaClient(url);
  return {
    url, name, prisma,
    async drop() {
      await prisma.$disconnect().catch(() => undefined);
      await admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}

export async function createOrgWithAgent(prisma: PrismaClient, opts: { username: string; password: string; realm: string; status?: 'available' | 'paused' | 'offline' }) {
  const slug = `org-${randomBytes(4).toString('hex')}`;
  const org = await prisma.organization.create({ data: { name: slug, slug } });
  const agent = await createAgent(prisma, org.id, opts);
  return { org, agent };
}

export async function createAgent(prisma: PrismaClient, organizationId: string, opts: { username: string; password: string; realm: string; status?: 'available' | 'paused' | 'offline' }) {
  return prisma.agent.create({
    data: {
      organizationId, name: opts.username, sipUsername: opts.username, sipRealm: opts.realm,
      sipHa1: computeHa1(opts.username, opts.realm, opts.password), status: opts.status ?? 'available',
    },
  });
}

/** Resolves when `check` returns a truthy value (polled), rejects after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T> | T, what: string, timeoutMs = 15_000): Promise<NonNullable<T>> {
  const start = Date.now();
  for (;;) {
    const v = await check();
    if (v) return v as NonNullable<T>;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
