// The flow editor in Chromium with the 500-node fixture flow (tests/fixtures/generate-large-flow):
// - time to open: navigation start → every node measured and the view fitted
//   (performance mark `relais-editor-fitted`), median of 3 loads;
// - drag: a node dragged by 60 Playwright mouse moves; the median and p95 time between
//   animation frames while dragging (16.7 ms = 60 fps), and the longest frame.
// Needs a production build: `NEXT_DIST_DIR=.next-editor npx next build`, then
//   NEXT_DIST_DIR=.next-editor npx tsx bench/run.ts editor
// It starts scripts/test-app.ts (fresh database, server), seeds an organisation and the flow.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { createPrismaClient } from '../prisma/client';
import { generateLargeFlow } from '../tests/fixtures/generate-large-flow';
import { createEditorOrganization, createFlowWithDraft } from '../tests/e2e/editor-support/editor-data';

const root = path.resolve(import.meta.dirname, '..');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];

async function startApp(): Promise<{ url: string; databaseUrl: string; stop: () => Promise<void> }> {
  const child = spawn(path.join(root, 'node_modules/.bin/tsx'), ['scripts/test-app.ts'], { cwd: root, env: { ...process.env, TEST_APP_WATCH_STDIN: '1' }, stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const ready = await new Promise<{ url: string; databaseUrl: string }>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /^READY (\S+) (\S+)$/m.exec(out);
      if (m) resolve({ url: m[1], databaseUrl: m[2] });
    });
    child.once('exit', (code) => reject(new Error(`test-app exited (${code}):\n${stderr}`)));
  });
  child.removeAllListeners('exit');
  return {
    ...ready,
    stop: async () => {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
    },
  };
}

export default async function benchEditor(): Promise<void> {
  const distDir = process.env.NEXT_DIST_DIR || '.next';
  if (!existsSync(path.join(root, distDir, 'BUILD_ID'))) {
    console.log(`editor bench skipped: no production build in ${distDir}/ (run NEXT_DIST_DIR=${distDir} npx next build)`);
    return;
  }
  const app = await startApp();
  const prisma = createPrismaClient(app.databaseUrl);
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const org = await createEditorOrganization(prisma, { ids: { calendar: 'cal_bureau', groups: ['grp_ventes', 'grp_support'] } });
    await prisma.queueGroup.create({ data: { id: 'grp_accueil', organizationId: org.organizationId, name: 'Accueil' } });
    const flow = generateLargeFlow(500);
    const flowId = await createFlowWithDraft(prisma, org.organizationId, flow.name, flow);

    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-GB', baseURL: app.url });
    const page = await context.newPage();
    page.setDefaultTimeout(60_000);
    await page.goto('/sign-in');
    await page.locator('input[name="email"]').fill(org.user.email);
    await page.locator('input[name="password"]').fill(org.user.password);
    await page.locator('button[type="submit"]').click();
    await page.waitForURL('**/flows');

    const openTimes: number[] = [];
    const mountTimes: number[] = [];
    const domTimes: number[] = [];
    for (let i = 0; i < 4; i++) {
      await page.goto(`/flows/${flowId}/edit`);
      await page.waitForFunction(() => performance.getEntriesByName('relais-editor-fitted').length > 0).catch(async (err) => {
        await page.screenshot({ path: 'test-results/editor-bench-timeout.png' });
        throw err;
      });
      const [ms, mounted, domReady] = await page.evaluate(() => [
        performance.getEntriesByName('relais-editor-fitted')[0].startTime,
        performance.getEntriesByName('relais-editor-ready')[0]?.startTime ?? NaN,
        (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).domContentLoadedEventEnd,
      ]);
      if (i > 0) {
        // the first load warms the server's caches
        openTimes.push(ms);
        mountTimes.push(mounted);
        domTimes.push(domReady);
      }
    }
    const rendered = await page.locator('.react-flow__node').count();

    // Zoom in on one node so it is large enough to grab: select the first step, then follow
    // its output in the inspector (which pans and zooms to the target), then drag that one.
    await page.locator('.react-flow__node[data-id="b0-var"]').click({ force: true });
    await page.getByTestId('node-inspector').getByRole('button', { name: '→ b0-http' }).click();
    await page.waitForTimeout(800);
    const nodeId = 'b0-http';
    const target = page.locator(`.react-flow__node[data-id="${nodeId}"]`);
    const box = (await target.boundingBox())!;
    // A string, so tsx's helpers (__name) are not injected into the page.
    await page.evaluate(`(() => {
      window.__frames = [];
      window.__recording = true;
      let last;
      function tick(t) {
        if (last !== undefined) window.__frames.push(t - last);
        last = t;
        if (window.__recording) requestAnimationFrame(tick);
      }
      requestAnimationFrame(tick);
    })()`);
    const x0 = box.x + box.width / 2;
    const y0 = box.y + 8;
    await page.mouse.move(x0, y0);
    await page.mouse.down();
    for (let i = 1; i <= 60; i++) await page.mouse.move(x0 + i * 4, y0 + Math.sin(i / 6) * 40);
    await page.mouse.up();
    const frames = await page.evaluate(() => {
      const w = window as unknown as { __frames: number[]; __recording: boolean };
      w.__recording = false;
      return w.__frames;
    });
    const moved = await page.evaluate(() => document.querySelector('[data-testid="save-state"]')?.getAttribute('data-status'));

    console.log(`editor: 500-node flow (${flow.edges.length} edges), ${rendered} nodes in the DOM after fit (only visible ones are rendered)`);
    console.log(`editor: open (navigation → all nodes measured and fitted): median ${median(openTimes).toFixed(0)} ms over ${openTimes.length} loads [${openTimes.map((t) => t.toFixed(0)).join(', ')}]; of which DOMContentLoaded ${median(domTimes).toFixed(0)} ms, editor mounted ${median(mountTimes).toFixed(0)} ms`);
    console.log(
      `editor: drag frame (rAF interval while dragging a node, ${frames.length} frames): median ${median(frames).toFixed(1)} ms, p95 ${pct(frames, 0.95).toFixed(1)} ms, max ${Math.max(...frames).toFixed(1)} ms; save state after drag: ${moved}`,
    );
  } finally {
    await browser.close();
    await prisma.$disconnect();
    await app.stop();
  }
}
