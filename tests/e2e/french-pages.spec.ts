// Every admin page a French user opens shows no string of the English catalogues (issue 16):
// the pages are walked with the user's language French and a browser asking for English
// (Accept-Language en-GB, playwright.config.ts), and each visible text — text nodes, options,
// placeholders, tooltips, accessible names — is compared with the English catalogue strings
// that differ from their French counterpart (messages/, app/flow-editor/messages/,
// schemas/messages/, the schemas' step names and output names). Short strings (< 4
// characters) and strings identical in both languages (proper nouns, "Agent", "Contact") are
// not English by this measure.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { APIRequestContext, Page } from '@playwright/test';
import { STEP_METADATA, STEP_TYPES } from '@/schemas';
import { createUser } from '@/tests/support/factories';
import { expect, test } from './support/fixtures';
import { waitForViewportToSettle } from './editor-support/canvas';
import { createFlowWithDraft } from './editor-support/editor-data';

/* eslint-disable @typescript-eslint/no-explicit-any -- flow documents are edited as plain JSON */
type Catalogue = { [key: string]: string | Catalogue };
const root = path.resolve(import.meta.dirname, '../..');
const read = (file: string) => JSON.parse(readFileSync(path.join(root, file), 'utf8')) as Catalogue;

function flatten(catalogue: Catalogue, prefix = '', out = new Map<string, string>()): Map<string, string> {
  for (const [key, value] of Object.entries(catalogue)) {
    const at = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(at, value);
    else flatten(value, at, out);
  }
  return out;
}

/** English texts a French page must not show: whole strings, and simple `{name}` messages as patterns. */
function englishOnly(): { exact: Map<string, string>; patterns: { key: string; pattern: RegExp }[] } {
  const en = new Map<string, string>();
  const fr = new Map<string, string>();
  for (const [file, prefix] of [['messages/%s.json', ''], ['app/flow-editor/messages/%s.json', 'editor'], ['schemas/messages/%s.json', 'schemaText']] as const) {
    flatten(read(file.replace('%s', 'en')), prefix, en);
    flatten(read(file.replace('%s', 'fr')), prefix, fr);
  }
  for (const type of STEP_TYPES) {
    const meta = STEP_METADATA[type];
    en.set(`step.${type}.title`, meta.title.en);
    fr.set(`step.${type}.title`, meta.title.fr);
    en.set(`step.${type}.description`, meta.description.en);
    fr.set(`step.${type}.description`, meta.description.fr);
    for (const o of meta.outputs.static) {
      en.set(`step.${type}.output.${o.id}`, o.label.en);
      fr.set(`step.${type}.output.${o.id}`, o.label.fr);
    }
  }
  const exact = new Map<string, string>();
  const patterns: { key: string; pattern: RegExp }[] = [];
  const frenchTexts = new Set(fr.values());
  for (const [key, text] of en) {
    if (fr.get(key) === text || frenchTexts.has(text)) continue;
    if (!text.includes('{')) {
      if (text.replace(/[^\p{L}]/gu, '').length >= 4) exact.set(text, key);
      continue;
    }
    // Simple arguments only ({name}); plural/select messages are left to the unit tests.
    if (/\{[^{}]*,/.test(text)) continue;
    const literal = text.replace(/\{[^{}]*\}/g, '');
    if (literal.replace(/[^\p{L}]/gu, '').length < 8) continue;
    const source = text
      .split(/\{[^{}]*\}/)
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('.+?');
    patterns.push({ key, pattern: new RegExp(`^${source}$`) });
  }
  return { exact, patterns };
}

const english = englishOnly();

/** The texts a user sees on the page now. */
async function visibleTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const texts = new Set<string>();
    const visible = (el: Element) => (el as HTMLElement).checkVisibility?.({ checkOpacity: false, checkVisibilityCSS: true }) ?? true;
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode;
      const el = node.parentElement;
      if (!el || el.closest('script, style, noscript, template') || !visible(el)) continue;
      texts.add(node.textContent ?? '');
    }
    // Whole texts of short elements (a label split by an asterisk or a child element).
    for (const el of document.querySelectorAll('label, legend, button, a, h1, h2, h3, th, p, li, span, option, summary')) {
      if (el.tagName === 'OPTION' ? !visible(el.closest('select') ?? el) : !visible(el)) continue;
      texts.add((el as HTMLElement).innerText ?? el.textContent ?? '');
      if (el.tagName === 'OPTION') texts.add(el.textContent ?? '');
    }
    for (const el of document.querySelectorAll('[placeholder], [title], [aria-label]')) {
      if (!visible(el)) continue;
      for (const name of ['placeholder', 'title', 'aria-label']) {
        const value = el.getAttribute(name);
        if (value) texts.add(value);
      }
    }
    texts.add(document.title);
    return [...texts];
  });
}

function englishIn(texts: string[]): string[] {
  const found = new Set<string>();
  for (const raw of texts) {
    for (const line of raw.split('\n')) {
      const text = line.replace(/\s+/g, ' ').trim().replace(/\s*\*$/, '').replace(/\s*:$/, '');
      if (text.length < 4) continue;
      const key = english.exact.get(text);
      if (key) found.add(`${key}: "${text}"`);
      else for (const { key: k, pattern } of english.patterns) if (pattern.test(text)) found.add(`${k}: "${text}"`);
    }
  }
  return [...found].sort();
}

async function expectFrench(page: Page, where: string) {
  await page.waitForLoadState('load');
  expect(englishIn(await visibleTexts(page)), `English strings on ${where}`).toEqual([]);
}

async function call(request: APIRequestContext, method: 'post' | 'put' | 'get', url: string, data?: unknown) {
  const res = await request[method](url, { headers: { origin: process.env.E2E_BASE_URL! }, ...(data === undefined ? {} : { data }) });
  expect(res.ok(), `${method} ${url}: ${res.status()} ${await res.text()}`).toBe(true);
  return res.json();
}

test('the admin in French shows no English string from the catalogues', async ({ page, prisma, admin, snapshot }) => {
  test.setTimeout(300_000);
  // Catches the check itself missing the obvious: an English page is full of English strings.
  expect(english.exact.size).toBeGreaterThan(500);
  expect(english.exact.get('Publish the draft')).toBe('versions.publishTitle');

  const user = await createUser(prisma, admin.organizationId, 'admin', 'fr');
  // Sign in through the form, as the user would; the browser asks for English.
  await page.goto('/sign-in');
  await page.locator('input[name="email"]').fill(user.email);
  await page.locator('input[name="password"]').fill(user.password);
  await page.locator('button[type="submit"]').click();
  await page.waitForURL('**/flows');

  const request = page.request;
  const group = await call(request, 'post', '/api/groups', { name: 'Accueil', members: [] });
  const demo = JSON.parse(readFileSync(path.join(root, 'tests/fixtures/flows/good/demo.json'), 'utf8').replaceAll('"grp_accueil"', JSON.stringify(group.id)));
  const v1: any = structuredClone(demo);
  v1.nodes.push({ id: 'orphan', type: 'hangup', position: { x: 560, y: 180 }, label: 'Étape oubliée', config: {} });
  const flow = await call(request, 'post', '/api/flows', { name: 'Standard', document: v1 });
  await call(request, 'post', `/api/flows/${flow.id}/publish`, { note: 'Première version', acknowledgeWarnings: true });
  const v2 = structuredClone(v1);
  v2.nodes = v2.nodes.filter((n: any) => n.id !== 'orphan');
  v2.nodes.find((n: any) => n.id === 'welcome').config.prompt.text.fr = 'Bienvenue, version deux.';
  const draft = await call(request, 'get', `/api/flows/${flow.id}/draft`);
  await call(request, 'put', `/api/flows/${flow.id}/draft`, { document: v2, revision: draft.revision });
  await call(request, 'post', `/api/flows/${flow.id}/publish`, { note: 'Sans l’étape oubliée' });

  // A flow using every step type, with references that do not exist (problems to show).
  const allSteps = JSON.parse(readFileSync(path.join(root, 'tests/fixtures/flows/good/all-steps.json'), 'utf8'));
  const every = { id: await createFlowWithDraft(prisma, admin.organizationId, 'Toutes les étapes', allSteps) };

  for (const [url, name] of [
    ['/flows', 'the flows list'],
    [`/flows/${flow.id}`, 'the flow page'],
    [`/flows/${flow.id}/versions?from=1&to=2`, 'the versions diff'],
    ['/audit', 'the audit log'],
    ['/groups', 'the groups'],
    ['/agents', 'the agents'],
    ['/numbers', 'the numbers'],
    ['/calls', 'the calls'],
    ['/stats', 'the statistics'],
    ['/live', 'the live view'],
    ['/webhooks', 'the webhooks'],
    ['/account', 'the account'],
  ] as const) {
    await page.goto(url);
    await expect(page.locator('h1').first()).toBeVisible();
    await expectFrench(page, name);
  }
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');

  // The versions diff names the changed field as the inspector does.
  await page.goto(`/flows/${flow.id}/versions?from=1&to=2`);
  await expect(page.getByTestId('diff-list')).toContainText('Message › Texte › français');
  await page.waitForLoadState('networkidle');
  await expect(page.getByTestId('diff-list')).toBeVisible();
  await snapshot('i18n-versions-diff-fr');

  // The editor, a step of each type selected in the inspector.
  await page.goto(`/flows/${every.id}/edit`);
  await expect(page.getByTestId('step-node')).toHaveCount(allSteps.nodes.length);
  await expectFrench(page, 'the editor');
  // Problems read in French, with the step's output names (the fixture's references do not exist here).
  await expect(page.getByTestId('problems-panel')).toContainText('n’existe pas dans cette organisation');
  for (const node of allSteps.nodes as { id: string; type: string }[]) {
    await waitForViewportToSettle(page);
    // A click event rather than a pointer click: some steps lie under the minimap at this size.
    await page.locator(`.react-flow__node[data-id="${node.id}"] .step-label`).dispatchEvent('click');
    const inspector = page.getByTestId('node-inspector');
    await expect(inspector).toContainText(node.id);
    await expectFrench(page, `the inspector of a ${node.type} step`);
    if (node.type === 'queue-group') await expect(inspector.locator('select').filter({ hasText: 'File d’attente' })).toHaveCount(1);
  }
  await snapshot('i18n-editor-fr');

  // Signed out, the sign-in page stays in the user's language although the browser asks for English.
  const cookies = await page.context().cookies();
  expect(cookies.find((c) => c.name === 'NEXT_LOCALE')?.value).toBe('fr');
  for (const c of cookies.filter((c) => c.name !== 'NEXT_LOCALE')) await page.context().clearCookies({ name: c.name });
  await page.goto('/sign-in');
  await expect(page.locator('input[name="email"]')).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await expectFrench(page, 'the sign-in page');

  // The check finds English when there is some: the same page for a browser asking for English.
  await page.context().clearCookies();
  await page.goto('/sign-in');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  expect(englishIn(await visibleTexts(page)).length).toBeGreaterThan(2);
});
