// Where the database is: DATABASE_URL when set, else the embedded PGlite default that
// scripts/start.ts serves on 127.0.0.1:PGLITE_PORT.

export const DEFAULT_PGLITE_PORT = 5433;

export function databaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (url) return url;
  const port = Number(process.env.PGLITE_PORT ?? DEFAULT_PGLITE_PORT);
  return `postgresql://postgres:postgres@127.0.0.1:${port}/postgres?sslmode=disable`;
}

export interface PoolConfig {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
  max?: number;
}

/** Splits a postgres URL into the discrete fields `pg` and PrismaPg expect. */
export function poolConfigFromUrl(url: string): PoolConfig {
  const u = new URL(url);
  return {
    host: decodeURIComponent(u.hostname) || '127.0.0.1',
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username || 'postgres'),
    password: decodeURIComponent(u.password || ''),
    database: decodeURIComponent(u.pathname.replace(/^\//, '') || 'postgres'),
  };
}
