// Signs a user in and opens a flow in the editor, once its canvas is there (the steps the editor
// specs each wrote out).
import type { Page } from '@playwright/test';
import { expect } from '../support/fixtures';
import type { EditorData } from './editor-data';

export async function openFlowEditor(page: Page, user: EditorData['user'], flowId: string): Promise<void> {
  await page.goto('/sign-in');
  await page.locator('input[name="email"]').fill(user.email);
  await page.locator('input[name="password"]').fill(user.password);
  await page.locator('button[type="submit"]').click();
  await page.waitForURL('**/flows');
  await page.goto(`/flows/${flowId}/edit`);
  await expect(page.locator('.react-flow__pane')).toBeVisible({ timeout: 60_000 });
}
