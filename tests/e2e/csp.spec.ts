// The admin still works under its Content-Security-Policy (issue 12, finding 5): every page,
// the flow editor saving, "Listen" (blob: audio), recording from the microphone (Chromium's
// fake device) and uploading it, playing a stored sound, and the language switch (a server
// action, which must carry the Origin). Every CSP violation (console message or
// `securitypolicyviolation` event) fails the test; a probe first shows that a script without
// the nonce is really blocked and reported, so the collector can fail.
import type { Page } from '@playwright/test';
import { createEditorOrganization, createFlowWithDraft } from './editor-support/editor-data';
import { expect, test } from './support/fixtures';

// The fake microphone without a permission prompt. launchOptions replaces the config's, so its
// Chromium and flags are repeated here (as in editor-extras.spec.ts).
test.use({
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
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      '--autoplay-policy=no-user-gesture-required',
    ],
  },
  permissions: ['microphone'],
});

const ADMIN_PAGES = ['/flows', '/numbers', '/sounds', '/voicemails', '/agents', '/groups', '/calendars', '/forbidden-destinations', '/users', '/tokens', '/audit'];

/** Collects CSP violations from the console and from `securitypolicyviolation` events. */
async function watchViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to (load|execute|apply|connect|frame|evaluate)/i.test(message.text())) violations.push(`console ${message.type()}: ${message.text()}`);
  });
  await page.exposeBinding('__relaisCspViolation', (_source, text: string) => void violations.push(`event: ${text}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (window as unknown as { __relaisCspViolation: (text: string) => void }).__relaisCspViolation;
      void report(`${event.effectiveDirective} blocked ${event.blockedURI || 'inline'} at ${event.sourceFile}:${event.lineNumber}`);
    });
  });
  return violations;
}

/** Plays an <audio> element and waits until its clock moves (the browser decoded it). */
async function expectPlays(page: Page, selector: string) {
  const audio = page.locator(selector).first();
  await audio.evaluate((el: HTMLAudioElement) => void el.play().catch(() => undefined));
  await expect.poll(() => audio.evaluate((el: HTMLAudioElement) => ({ t: el.currentTime > 0, error: el.error?.message ?? null })), { timeout: 15_000 }).toEqual({ t: true, error: null });
  await audio.evaluate((el: HTMLAudioElement) => el.pause());
}

test('the admin works under the CSP: pages, editor, recording, playback, language', async ({ page, prisma, snapshot }) => {
  test.setTimeout(240_000);
  const violations = await watchViolations(page);
  const org = await createEditorOrganization(prisma);
  const flowId = await createFlowWithDraft(prisma, org.organizationId, 'Under CSP', {
    schemaVersion: 1,
    name: 'Under CSP',
    language: 'en',
    entry: 'welcome',
    nodes: [
      { id: 'welcome', type: 'message', position: { x: 0, y: 0 }, label: 'Welcome', config: { prompt: { kind: 'tts', text: { en: 'Welcome to Relais.' } } } },
      { id: 'bye', type: 'hangup', position: { x: 320, y: 0 }, label: 'Bye', config: {} },
    ],
    edges: [{ id: 'e1', source: 'welcome', sourceOutput: 'next', target: 'bye' }],
  });

  // Sign in through the real form (better-auth checks the Origin the browser sends).
  const signInPage = await page.goto('/sign-in');
  expect(signInPage!.headers()['content-security-policy']).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
  await page.locator('input[name="email"]').fill(org.user.email);
  await page.locator('input[name="password"]').fill(org.user.password);
  await page.locator('button[type="submit"]').click();
  await page.waitForURL('**/flows');

  // The probe: markup injected the way an XSS would be (an inline event handler) does not run
  // and is reported.
  await page.evaluate(() => {
    const holder = document.createElement('div');
    holder.innerHTML = '<img alt="" src="data:," onload="window.__relaisInjected = true" onerror="window.__relaisInjected = true">';
    document.body.append(holder);
  });
  await expect.poll(() => violations.length).toBeGreaterThan(0);
  expect(await page.evaluate(() => (window as unknown as { __relaisInjected?: boolean }).__relaisInjected)).toBeUndefined();
  expect(violations.join('\n')).toContain('script-src');
  violations.length = 0;

  // Every list page renders and Next's client started (its scripts ran under the policy).
  for (const path of ADMIN_PAGES) {
    await page.goto(path);
    await expect(page.locator('h1').first()).toBeVisible();
    await expect.poll(() => page.evaluate(() => Boolean((window as unknown as { next?: { version?: string } }).next?.version)), { message: path }).toBe(true);
  }
  await page.goto('/flows');
  await snapshot('csp-flows');

  // The editor loads and saves an edit.
  await page.goto(`/flows/${flowId}/edit`);
  const welcome = page.locator('.react-flow__node[data-id="welcome"]');
  await expect(welcome).toBeVisible({ timeout: 60_000 });
  await welcome.locator('.step-label').click();
  const inspector = page.getByTestId('node-inspector');
  await expect(inspector).toContainText('welcome');
  await inspector.getByLabel('Label', { exact: true }).fill('Bienvenue sous CSP');
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-status', 'saved', { timeout: 30_000 });
  await expect
    .poll(async () => {
      const draft = (await (await page.request.get(`/api/flows/${flowId}/draft`)).json()) as { document: { nodes: { id: string; label?: string }[] } };
      return draft.document.nodes.find((n) => n.id === 'welcome')?.label;
    })
    .toBe('Bienvenue sous CSP');

  // Listen: the server's speech played from a blob: URL.
  const listen = inspector.locator('.tts-row').filter({ has: page.getByLabel('Text (EN)') }).locator('.listen');
  await Promise.all([page.waitForResponse((r) => r.url().includes('/api/tts?') && r.status() === 200), listen.getByRole('button').click()]);
  await expect(listen.locator('audio')).toHaveAttribute('src', /^blob:/);
  await expect(listen.getByRole('alert')).toHaveCount(0);

  // Record from the (fake) microphone, upload, and the new sound is selected and playable.
  await inspector.getByLabel('Source').selectOption('sound');
  await inspector.getByRole('button', { name: /Record…/ }).click();
  const recording = inspector.locator('.sound-capture .recording');
  await expect(recording).toContainText(/Recording 0:0[1-9]/, { timeout: 15_000 });
  await snapshot('csp-editor-recording');
  await recording.getByRole('button', { name: /Stop/ }).click();
  const picker = inspector.getByLabel('Sound', { exact: true });
  await expect(picker.locator('option:checked')).toHaveText(/^Recording \d{4}-\d\d-\d\d/);
  const soundId = await picker.inputValue();
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-status', 'saved', { timeout: 30_000 });
  await expectPlays(page, `[data-testid="node-inspector"] audio[src="/api/sounds/${soundId}/audio"]`);
  await snapshot('csp-editor-sound');

  // The sounds page plays the stored recording.
  await page.goto('/sounds');
  const row = page.getByTestId('sound-row').first();
  await expect(row).toBeVisible();
  await expectPlays(page, `audio[src="/api/sounds/${soundId}/audio"]`);
  await snapshot('csp-sounds');

  // The language switch is a server action: it must still reach the profile.
  await page.getByRole('group', { name: 'Language' }).getByRole('button', { name: 'FR' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await expect.poll(async () => (await prisma.user.findUniqueOrThrow({ where: { email: org.user.email } })).locale).toBe('fr');
  await snapshot('csp-sounds-fr');

  expect(violations).toEqual([]);
});
