// Where the database is: DATABASE_URL when set, else the embedded PostgreSQL default that
// scripts/start.ts runs on 127.0.0.1:EMBEDDED_PG_PORT (PGLITE_PORT, its former name, is still read).

export const DEFAULT_EMBEDDED_PG_PORT = 5433;

/** The embedded server's port: EMBEDDED_PG_PORT, else the former PGLITE_PORT, else 5433. */
export function embeddedPostgresPort(env: NodeJS.ProcessEnv = process.env): number {
  return Number(env.EMBEDDED_PG_PORT || env.PGLITE_PORT || DEFAULT_EMBEDDED_PG_PORT);
}

export function databaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (url) return url;
  return `postgresql://postgres:postgres@127.0.0.1:${embeddedPostgresPort()}/postgres?sslmode=disable`;
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
