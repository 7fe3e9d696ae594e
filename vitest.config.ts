import { defineConfig } from 'vitest/config';
import path from 'node:path';

// Three projects:
// - unit: everything under tests/ except the API, browser and timing tests.
// - timing: tests that measure real-time behaviour (RTP arrival gaps); `npm test` runs them
//   alone after the others, since beside the parallel files a 2-core machine deschedules the
//   sender for longer than what they measure.
// - api:  tests/api/**, real HTTP against a production admin server on a fresh PostgreSQL
//         database, both started once by tests/support/global-setup.ts (needs a prior
//         `next build` into NEXT_DIST_DIR, default `.next`).
// `npx vitest run --project unit` / `--project api`; plain `npx vitest run` runs both.
// `npm test` runs the unit project two files at a time and the api project one at a time
// (scripts/test.sh says why).
const TIMING_TESTS = ['tests/calls/silence-rtp.test.ts'];

export default defineConfig({
  resolve: { alias: { '@': path.resolve(import.meta.dirname) } },
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/**/*.test.ts'],
          exclude: ['tests/e2e/**', 'tests/api/**', 'node_modules/**', ...TIMING_TESTS],
        },
      },
      {
        extends: true,
        test: { name: 'timing', include: TIMING_TESTS },
      },
      {
        extends: true,
        test: {
          name: 'api',
          include: ['tests/api/**/*.test.ts'],
          globalSetup: ['tests/support/global-setup.ts'],
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
