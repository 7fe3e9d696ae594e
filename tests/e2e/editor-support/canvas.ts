// Canvas helpers shared by the editor's browser tests.
import { expect, type Page } from '@playwright/test';

/**
 * The canvas pans and zooms with an animation: wait until its transform stops changing (two
 * equal reads in a row) before measuring where nodes and handles are.
 */
export async function waitForViewportToSettle(page: Page): Promise<void> {
  const viewport = page.locator('.react-flow__viewport');
  let previous = '';
  await expect
    .poll(
      async () => {
        const current = await viewport.evaluate((el) => getComputedStyle(el).transform);
        const settled = current === previous;
        previous = current;
        return settled;
      },
      { timeout: 15_000, intervals: [150] },
    )
    .toBe(true);
}
