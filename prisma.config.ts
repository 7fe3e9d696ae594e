// Prisma 6.19 configuration (see ../shared/PLATFORM.md): the WASM schema engine through the
// pg driver adapter, so that every Prisma command works from npm packages alone.
import 'dotenv/config';
import path from 'node:path';
import { defineConfig } from 'prisma/config';
import { PrismaPg } from '@prisma/adapter-pg';
import { databaseUrl, poolConfigFromUrl } from './prisma/database-url';

// The schema's datasource reads env("DATABASE_URL"); without it the CLI cannot read the
// schema, assumes the Rust engine and tries to download it. Default to the embedded database.
process.env.DATABASE_URL ??= databaseUrl();

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: path.join('prisma', 'schema.prisma'),
  migrations: { path: path.join('prisma', 'migrations') },
  // Discrete fields, not connectionString: with a connection string the shadow database
  // silently points at the main one (PLATFORM.md, adapter-pg 6.19.3).
  async adapter() {
    return new PrismaPg(poolConfigFromUrl(databaseUrl()));
  },
});
