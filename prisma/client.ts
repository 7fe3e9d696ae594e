// The one Prisma client of a process (the admin app and the flow runtime each have theirs).
// Uses the pg driver adapter: no Rust query engine (see ../shared/PLATFORM.md).
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from './generated/client';
import { databaseUrl, poolConfigFromUrl } from './database-url';

export type { PrismaClient } from './generated/client';
export * as db from './generated/client';

/** The pg pool under each client made by createPrismaClient (see sqlPool). */
const pools = new WeakMap<object, pg.Pool>();

export function createPrismaClient(url = databaseUrl()): PrismaClient {
  const pool = new pg.Pool({
    ...poolConfigFromUrl(url),
    max: Number(process.env.DB_POOL_MAX ?? 10),
    // A database that stops answering must not hold callers or the records outbox forever:
    // give up on a connection (or on a free pool slot) after this long, and let TCP keepalive
    // notice dead connections.
    connectionTimeoutMillis: Number(process.env.DB_CONNECT_TIMEOUT_MS ?? 10_000),
    keepAlive: true,
  });
  // an idle connection that breaks is dropped by the pool; without a listener it would throw
  pool.on('error', () => undefined);
  // the client owns the pool: $disconnect() ends it, as when the adapter made it
  const client = new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
  pools.set(client, pool);
  return client;
}

/**
 * The pg pool under a client made by createPrismaClient (the same connections), for the few
 * statements of the call path sent as plain SQL: a Prisma query costs about 0.5–1.5 ms of CPU
 * (query compiler), a pg one about 0.15 ms (issue 18). Null for any other client or a transaction.
 */
export function sqlPool(client: unknown): pg.Pool | null {
  return client !== null && typeof client === 'object' ? (pools.get(client) ?? null) : null;
}

const globalForPrisma = globalThis as unknown as { relaisPrisma?: PrismaClient };

/** Process-wide singleton; survives Next.js hot reloads in development. */
export function getPrisma(): PrismaClient {
  globalForPrisma.relaisPrisma ??= createPrismaClient();
  return globalForPrisma.relaisPrisma;
}
