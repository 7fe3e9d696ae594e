// Embedded PostgreSQL for `npm start` without a database server: PGlite (PostgreSQL compiled
// to WASM) persisted in a data folder and served on a loopback TCP port by pglite-socket, so
// Prisma, pg and every Relais process connect to it exactly as to a real PostgreSQL.
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

export interface EmbeddedPostgres {
  url: string;
  port: number;
  stop(): Promise<void>;
}

export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  host?: string;
  maxConnections?: number;
}): Promise<EmbeddedPostgres> {
  const host = options.host ?? '127.0.0.1';
  mkdirSync(options.dataDir, { recursive: true });
  const db = await PGlite.create(options.dataDir);
  const server = new PGLiteSocketServer({
    db,
    host,
    port: options.port,
    // Each process keeps a small pool; the server queues queries and keeps a transaction's
    // statements on the connection that opened it.
    maxConnections: options.maxConnections ?? 64,
  });
  await server.start();
  return {
    url: `postgresql://postgres:postgres@${host}:${options.port}/postgres?sslmode=disable`,
    port: options.port,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
