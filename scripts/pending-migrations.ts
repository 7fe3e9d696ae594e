// Whether `prisma migrate deploy` has anything to do: the migration folders under
// prisma/migrations compared with the rows Prisma wrote to _prisma_migrations.
// Why not just run the CLI every time: `prisma migrate deploy` (6.19, driver adapter) keeps its
// process alive ~10 s after it is done, which was most of `npm start`'s time on a second start.
// When in doubt (no table yet, a failed or rolled-back row, an unreadable database) the answer
// is "pending", and the launcher runs the CLI, which stays the only thing that migrates.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { poolConfigFromUrl } from '../prisma/database-url';

export function localMigrations(root: string): string[] {
  const dir = path.join(root, 'prisma', 'migrations');
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

export async function hasPendingMigrations(root: string, url: string): Promise<boolean> {
  const client = new pg.Client({ ...poolConfigFromUrl(url), connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    // A new database has no table yet: ask first rather than let the query fail, which the
    // embedded server would log as an ERROR on every first start.
    const { rows: [table] } = await client.query<{ exists: boolean }>("SELECT to_regclass('_prisma_migrations') IS NOT NULL AS exists");
    if (!table?.exists) return true;
    const { rows } = await client.query<{ migration_name: string; finished_at: Date | null; rolled_back_at: Date | null }>(
      'SELECT migration_name, finished_at, rolled_back_at FROM _prisma_migrations',
    );
    if (rows.some((r) => r.finished_at === null && r.rolled_back_at === null)) return true; // a failed migration: let the CLI report it
    const applied = new Set(rows.filter((r) => r.finished_at !== null && r.rolled_back_at === null).map((r) => r.migration_name));
    return localMigrations(root).some((name) => !applied.has(name));
  } catch {
    return true;
  } finally {
    await client.end().catch(() => undefined);
  }
}
