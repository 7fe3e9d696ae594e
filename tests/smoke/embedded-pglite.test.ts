// The embedded default end to end: PGlite served on a loopback port, the committed
// migrations applied with the Prisma CLI, the demo seed, and reads through the Prisma client,
// exactly as `npm start` does it without DATABASE_URL.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrismaClient, type PrismaClient } from '@/prisma/client';
import { seedDemo } from '@/prisma/seed';
import { verifyPassword } from '@/app/lib/auth/password';
import { validateFlow } from '@/schemas';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '@/scripts/embedded-postgres';
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

describe('embedded PGlite database', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'relais-pglite-'));
  let pg: EmbeddedPostgres;
  let prisma: PrismaClient;

  beforeAll(async () => {
    pg = await startEmbeddedPostgres({ dataDir, port: await freePort() });
    await runCommand('npx', ['prisma', 'migrate', 'deploy'], {
      env: { ...process.env, DATABASE_URL: pg.url },
      quiet: true,
    });
    prisma = createPrismaClient(pg.url);
  }, 240_000);

  afterAll(async () => {
    await prisma?.$disconnect();
    await pg?.stop();
    rmSync(dataDir, { recursive: true, force: true });
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
});
