// The one Prisma client of a process (the admin app and the flow runtime each have theirs).
// Uses the pg driver adapter: no Rust query engine (see ../shared/PLATFORM.md).
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/client';
import { databaseUrl, poolConfigFromUrl } from './database-url';

export type { PrismaClient } from './generated/client';
export * as db from './generated/client';

export function createPrismaClient(url = databaseUrl()): PrismaClient {
  const adapter = new PrismaPg({
    ...poolConfigFromUrl(url),
    max: Number(process.env.DB_POOL_MAX ?? 10),
    // A database that stops answering must not hold callers or the records outbox forever:
    // give up on a connection (or on a free pool slot) after this long, and let TCP keepalive
    // notice dead connections.
    connectionTimeoutMillis: Number(process.env.DB_CONNECT_TIMEOUT_MS ?? 10_000),
    keepAlive: true,
  });
  return new PrismaClient({ adapter });
}

const globalForPrisma = globalThis as unknown as { relaisPrisma?: PrismaClient };

/** Process-wide singleton; survives Next.js hot reloads in development. */
export function getPrisma(): PrismaClient {
  globalForPrisma.relaisPrisma ??= createPrismaClient();
  return globalForPrisma.relaisPrisma;
}
