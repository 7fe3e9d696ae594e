// The editor's extras, as an admin uses them: "Listen" with the server's text-to-speech,
// uploading and recording a sound from the prompt widget (Chromium's fake microphone), the
// palette keyboard, the local backup of unsaved changes, and one short run in French.
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { createEditorOrganization, createFlowWithDraft, type EditorData } from './editor-support/editor-data';
import { openFlowEditor } from './editor-support/open-editor';
import { expect, test } from './support/fixtures';

// The fake microphone (a beep) without a permission prompt. launchOptions replaces the
// config's, so its Chromium and flags are repeated here; this file gets its own browser.
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

const node = (page: Page, id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);

function smallFlow(name: string) {
  return {
    schemaVersion: 1,
    name,
    language: 'en',
    entry: 'welcome',
    nodes: [
      { id: 'welcome', type: 'message', position: { x: 0, y: 0 }, label: 'Welcome', config: { prompt: { kind: 'tts', text: { en: 'Welcome to Relais.' } } } },
      { id: 'bye', type: 'hangup', position: { x: 320, y: 0 }, label: 'Bye', config: {} },
    ],
    edges: [{ id: 'e1', source: 'welcome', sourceOutput: 'next', target: 'bye' }],
  };
}

async function openEditor(page: Page, org: EditorData, flowId: string) {
  await openFlowEditor(page, org.user, flowId);
  await expect(page.getByTestId('step-node').first()).toBeVisible();
}

async function select(page: Page, id: string) {
  await node(page, id).locator('.step-label').click();
  await expect(page.getByTestId('node-inspector')).toContainText(id);
}

test('Listen plays the server text-to-speech; a sound is uploaded and recorded from the prompt', async ({ page, prisma, request, snapshot }) => {
  test.setTimeout(240_000);
  const org = await createEditorOrganization(prisma);
  const flowId = await createFlowWithDraft(prisma, org.organizationId, 'Extras', smallFlow('Extras'));

  // The API itself: signed out → 401.
  expect((await request.get('/api/tts?text=Bonjour&voice=fr')).status()).toBe(401);

  await openEditor(page, org, flowId);

  // Signed in: 8 kHz WAV; bad parameters → 400 with the parameter as path.
  const wav = await page.request.get(`/api/tts?${new URLSearchParams({ text: 'Bonjour à tous', voice: 'fr' })}`);
  expect(wav.status()).toBe(200);
  expect(wav.headers()['content-type']).toBe('audio/wav');
  const body = await wav.body();
  expect(body.toString('ascii', 0, 4)).toBe('RIFF');
  expect(body.readUInt32LE(24)).toBe(8000);
  const tooLong = await page.request.get(`/api/tts?${new URLSearchParams({ text: 'a'.repeat(501), voice: 'fr' })}`);
  expect(tooLong.status()).toBe(400);
  expect((await tooLong.json()).error).toMatchObject({ code: 'VALIDATION_FAILED', path: '/text' });
  const badVoice = await page.request.get('/api/tts?text=Hi&voice=de');
  expect((await badVoice.json()).error).toMatchObject({ path: '/voice' });

  // Listen: the inspector fetches /api/tts and plays it in an <audio> element.
  const inspector = page.getByTestId('node-inspector');
  await select(page, 'welcome');
  const listen = inspector.locator('.tts-row').filter({ has: page.getByLabel('Text (EN)') }).locator('.listen');
  await expect(listen).toHaveCount(1);
  const [response] = await Promise.all([page.waitForResponse((r) => r.url().includes('/api/tts?')), listen.getByRole('button').click()]);
  expect(response.status()).toBe(200);
  expect(new URL(response.url()).searchParams.get('voice')).toBe('en');
  expect(new URL(response.url()).searchParams.get('text')).toBe('Welcome to Relais.');
  await expect(listen).toHaveAttribute('data-state', /playing|idle/);
  await expect(listen.locator('audio')).toHaveAttribute('src', /^blob:/);
  await expect(listen.getByRole('alert')).toHaveCount(0);
  // A failure is shown next to the button.
  await page.route('**/api/tts?**', (route) => route.fulfill({ status: 500, contentType: 'application/json', body: JSON.stringify({ error: { code: 'INTERNAL', message: 'espeak-ng is missing' } }) }));
  await inspector.getByLabel('Text (EN)').fill('Something else.');
  await listen.getByRole('button').click();
  await expect(listen.getByRole('alert')).toContainText('Could not listen: espeak-ng is missing');
  await page.unroute('**/api/tts?**');
  await snapshot('editor-listen-error');

  // Upload: a WAV made now with sox; the new sound is selected at once and listed in the picker.
  await inspector.getByLabel('Source').selectOption('sound');
  const dir = mkdtempSync(path.join(tmpdir(), 'relais-e2e-'));
  const file = path.join(dir, 'Greeting tone.wav');
  execFileSync('sox', ['-n', '-r', '16000', '-c', '1', '-b', '16', file, 'synth', '1', 'sine', '440']);
  const picker = inspector.getByLabel('Sound', { exact: true });
  await inspector.getByLabel('Sound file to upload').setInputFiles(file);
  await expect(picker.locator('option:checked')).toHaveText('Greeting tone');
  const uploadedId = await picker.inputValue();
  expect(uploadedId).not.toBe('');
  await expect(inspector.locator(`audio[src="/api/sounds/${uploadedId}/audio"]`)).toHaveCount(1);

  // Record: Chromium's fake microphone, a timer, Stop → uploaded and selected.
  await inspector.getByRole('button', { name: /Record…/ }).click();
  const recording = inspector.locator('.sound-capture .recording');
  await expect(recording).toContainText(/Recording 0:0[1-9]/, { timeout: 10_000 });
  await snapshot('editor-recording');
  await recording.getByRole('button', { name: /Stop/ }).click();
  await expect(picker.locator('option:checked')).toHaveText(/^Recording \d{4}-\d\d-\d\d/);
  const recordedId = await picker.inputValue();
  expect(recordedId).not.toBe(uploadedId);
  await expect(picker.locator('option')).toHaveCount(3); // "choose" + the two sounds

  const sounds = (await (await page.request.get('/api/sounds')).json()).sounds as { id: string; name: string; durationMs: number }[];
  expect(sounds.find((s) => s.id === uploadedId)).toMatchObject({ name: 'Greeting tone', durationMs: 1000 });
  expect(sounds.find((s) => s.id === recordedId)!.durationMs).toBeGreaterThan(500);
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-status', 'saved');
  const draft = (await (await page.request.get(`/api/flows/${flowId}/draft`)).json()) as { document: { nodes: { id: string; config: Record<string, unknown> }[] } };
  expect(draft.document.nodes.find((n) => n.id === 'welcome')!.config.prompt).toEqual({ kind: 'sound', soundId: recordedId });
  await snapshot('editor-sound-uploaded');
});

test('the palette is driven from the keyboard, and the help panel says how', async ({ page, prisma, snapshot }) => {
  const org = await createEditorOrganization(prisma);
  const flowId = await createFlowWithDraft(prisma, org.organizationId, 'Keys', smallFlow('Keys'));
  await openEditor(page, org, flowId);
  const search = page.getByRole('searchbox', { name: 'Search steps' });
  const items = page.locator('.palette-item');
  const steps = page.getByTestId('step-node');
  await expect(steps).toHaveCount(2);

  // Escape clears the search.
  await search.fill('voicemail');
  await expect(items).toHaveCount(1);
  await search.press('Escape');
  await expect(search).toHaveValue('');
  await expect(items).toHaveCount(16);
  await expect(search).toBeFocused();

  // ↓ enters the list, ↓ again moves on, ↑ back, ↑ from the first item returns to the search box.
  const firstType = await items.nth(0).getAttribute('data-step-type');
  const secondType = await items.nth(1).getAttribute('data-step-type');
  await search.press('ArrowDown');
  await expect(page.locator(`.palette-item[data-step-type="${firstType}"]`)).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(page.locator(`.palette-item[data-step-type="${secondType}"]`)).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await expect(search).toBeFocused();

  // Enter on a focused item adds it; Enter in the search box adds the first match.
  await search.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(steps).toHaveCount(3);
  await expect(page.locator(`.react-flow__node.selected[data-id^="${secondType}-"]`)).toHaveCount(1);
  await search.fill('hang');
  await search.press('Enter');
  await expect(steps).toHaveCount(4);
  await expect(page.locator('.react-flow__node[data-id="hangup-1"]')).toHaveCount(1);
  await snapshot('editor-palette-keyboard');

  await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toContainText('Move through the palette list');
  await expect(help).toContainText('Clear the palette search');
  await help.getByRole('button', { name: 'Close' }).click();
});

test('unsaved changes kept in the browser are offered back: restore, then discard', async ({ page, context, prisma }) => {
  test.setTimeout(180_000);
  const org = await createEditorOrganization(prisma);
  const flowId = await createFlowWithDraft(prisma, org.organizationId, 'Backup', smallFlow('Backup'));
  await openEditor(page, org, flowId);
  const backupKeys = (p: Page) => p.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('relais.editor.backup.')));

  // The server cannot be reached: the change stays unsaved, but the browser keeps a copy.
  await page.route('**/api/flows/*/draft', (route) => (route.request().method() === 'PUT' ? route.abort('internetdisconnected') : route.continue()));
  await select(page, 'welcome');
  await page.getByTestId('node-inspector').getByLabel('Label', { exact: true }).fill('Kept locally');
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-status', 'error');
  const { revision } = (await (await page.request.get(`/api/flows/${flowId}/draft`)).json()) as { revision: number };
  await expect.poll(() => backupKeys(page)).toEqual([`relais.editor.backup.${flowId}@${revision}`]);

  // Opening the flow again (another tab): the copy is newer than the server's draft.
  const second = await context.newPage();
  await second.goto(`/flows/${flowId}/edit`);
  const offer = second.getByRole('alertdialog', { name: 'Unsaved changes found' });
  await expect(offer).toBeVisible({ timeout: 60_000 });
  await expect(offer).toContainText('2 steps');
  await second.screenshot({ path: 'test-results/screenshots/editor-backup-offer.png', fullPage: true });
  await page.close(); // its retries would otherwise keep writing the copy
  await offer.getByRole('button', { name: 'Restore my changes' }).click();
  await expect(node(second, 'welcome')).toContainText('Kept locally');
  await expect(second.getByTestId('save-state')).toHaveAttribute('data-status', 'saved');
  const draft = (await (await second.request.get(`/api/flows/${flowId}/draft`)).json()) as { revision: number; document: { nodes: { id: string; label?: string }[] } };
  expect(draft.document.nodes.find((n) => n.id === 'welcome')!.label).toBe('Kept locally');
  await expect.poll(() => backupKeys(second)).toEqual([]);

  // Again, and this time discard: the saved draft stays as it is and the copy is gone.
  await second.route('**/api/flows/*/draft', (route) => (route.request().method() === 'PUT' ? route.abort('internetdisconnected') : route.continue()));
  await select(second, 'welcome');
  await second.getByTestId('node-inspector').getByLabel('Label', { exact: true }).fill('Not wanted');
  await expect.poll(() => backupKeys(second)).toEqual([`relais.editor.backup.${flowId}@${draft.revision}`]);
  const third = await context.newPage();
  await third.goto(`/flows/${flowId}/edit`);
  const again = third.getByRole('alertdialog', { name: 'Unsaved changes found' });
  await expect(again).toBeVisible({ timeout: 60_000 });
  await second.close();
  await again.getByRole('button', { name: 'Discard them' }).click();
  await expect(again).toHaveCount(0);
  await expect(node(third, 'welcome')).toContainText('Kept locally');
  await expect.poll(() => backupKeys(third)).toEqual([]);
  await expect(third.getByTestId('save-state')).toHaveAttribute('data-status', 'saved');
});

test('a short editor session in French', async ({ page, prisma }) => {
  const org = await createEditorOrganization(prisma);
  const flowId = await createFlowWithDraft(prisma, org.organizationId, 'Accueil', smallFlow('Accueil'));
  await openEditor(page, org, flowId);
  await expect(page.locator('.palette-item[data-step-type="voicemail"] .palette-title')).toHaveText('Voicemail');

  // Switch the language: the palette, the search and the inspector speak French.
  await page.getByRole('group', { name: 'Language' }).getByRole('button', { name: 'FR' }).click();
  await expect(page.getByRole('searchbox', { name: 'Rechercher une étape' })).toBeVisible({ timeout: 30_000 });
  await expect(page.locator('.palette-item[data-step-type="voicemail"] .palette-title')).toHaveText('Messagerie');
  await expect(page.locator('.palette-group h3').first()).toHaveText('Messages');
  await page.getByRole('searchbox', { name: 'Rechercher une étape' }).fill('messagerie');
  await expect(page.locator('.palette-item').first()).toHaveAttribute('data-step-type', 'voicemail');
  await page.getByRole('searchbox', { name: 'Rechercher une étape' }).press('Enter');
  await expect(page.getByTestId('step-node')).toHaveCount(3);
  await expect(page.getByTestId('node-inspector')).toContainText('voicemail-1');
  await page.getByRole('searchbox', { name: 'Rechercher une étape' }).press('Escape');
  await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog', { name: 'Raccourcis clavier' })).toContainText('Parcourir la liste de la palette');
  await page.screenshot({ path: 'test-results/screenshots/editor-french.png', fullPage: true });
  await page.getByRole('dialog', { name: 'Raccourcis clavier' }).getByRole('button').last().click();
});
