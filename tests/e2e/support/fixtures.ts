// Fixtures of the browser tests: the server started by global-setup.ts as baseURL, a fresh
// organisation with an admin per test, and helpers to sign in and keep screenshots.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import { createPrismaClient, type PrismaClient } from '@/prisma/client';
import { createOrganization, createUser, type TestUser } from '@/tests/support/factories';

const screenshotDir = path.resolve(import.meta.dirname, '../../../test-results/screenshots');

interface Fixtures {
  prisma: PrismaClient;
  /** An admin of a new organisation; their saved language is English. */
  admin: TestUser;
  signIn: (user: TestUser) => Promise<void>;
  /** Saves a full-page screenshot as test-results/screenshots/<name>.png. */
  snapshot: (name: string) => Promise<void>;
}

export const test = base.extend<Fixtures>({
  // Playwright reads a fixture's dependencies from its first parameter's pattern, so `{}` it is.
  // eslint-disable-next-line no-empty-pattern
  baseURL: async ({}, use) => {
    const url = process.env.E2E_BASE_URL;
    if (!url) throw new Error('E2E_BASE_URL is not set: run through playwright.config.ts (global-setup.ts starts the app)');
    await use(url);
  },
  // eslint-disable-next-line no-empty-pattern
  prisma: async ({}, use) => {
    const prisma = createPrismaClient(process.env.E2E_DATABASE_URL);
    await use(prisma);
    await prisma.$disconnect();
  },
  admin: async ({ prisma }, use) => {
    const organization = await createOrganization(prisma, 'E2E');
    await use(await createUser(prisma, organization.id, 'admin', 'en'));
  },
  signIn: async ({ page }, use) => {
    await use((user) => signIn(page, user));
  },
  snapshot: async ({ page }, use) => {
    mkdirSync(screenshotDir, { recursive: true });
    await use(async (name) => {
      await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true });
    });
  },
});

async function signIn(page: Page, user: TestUser) {
  await page.goto('/sign-in');
  await page.locator('input[name="email"]').fill(user.email);
  await page.locator('input[name="password"]').fill(user.password);
  await page.locator('button[type="submit"]').click();
  // Agents land on their console, the others on the flows (app/components/sections.ts landingPath).
  await page.waitForURL(user.role === 'agent' ? '**/agent' : '**/flows');
}

export { expect };
