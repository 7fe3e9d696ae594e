// Browser tests (tests/e2e) in the Debian Chromium (/usr/bin/chromium; never `playwright
// install`). tests/e2e/support/global-setup.ts starts scripts/test-app.ts (fresh PostgreSQL
// database, migrations, production server from the build in NEXT_DIST_DIR, default `.next`)
// and hands its URL to the tests. Build first:
//   NEXT_DIST_DIR=.next npx next build && npx playwright test
// Against a server you started yourself: E2E_BASE_URL=… E2E_DATABASE_URL=… npx playwright test
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results/e2e',
  globalSetup: './tests/e2e/support/global-setup.ts',
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 120_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  use: {
    headless: true,
    locale: 'en-GB',
    viewport: { width: 1280, height: 800 },
    actionTimeout: 15_000,
    navigationTimeout: 60_000,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [{ name: 'chromium' }],
});
