// The simulator in a real browser (issue 17): flow-runtime/simulator bundled for the browser
// platform with esbuild (a node: import anywhere in its graph fails the build), loaded in
// Chromium (/usr/bin/chromium, like the e2e tests), runs every fixture flow and random calls;
// results and traces (every event and effect) must equal Node's, and in the browser too the
// runtime's CallSession fed the same events must do the same (property.test.ts's property).
import path from 'node:path';
import { build } from 'esbuild';
import fc from 'fast-check';
import { chromium, type Browser } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadGoodFlows } from '@/tests/fixtures';
import { fixtureContext } from '@/tests/runtime/support/context';
import { FIXTURE_NAMES, scenario } from './support/arbitrary';
import { loadFixtureFlows, runScenario, type Scenario } from './support/scenario';

const ROOT = path.resolve(import.meta.dirname, '../..');
const RANDOM_SCENARIOS = 120;

const docs = Object.fromEntries(loadGoodFlows().map((f) => [f.name, f.flow]));
const context = fixtureContext();
const base = { caller: '+33612345678', called: '+33184000000', at: '2025-01-14T10:00' };
/** Every fixture flow, left alone and with a key or two, plus random calls. */
const scenarios: Scenario[] = [
  ...FIXTURE_NAMES.flatMap((flow) => [
    { flow, input: { ...base, actions: [] } },
    { flow, input: { ...base, actions: [{ kind: 'dtmf' as const, digits: '1' }, { kind: 'dtmf' as const, digits: '1' }] } },
    { flow, input: { ...base, at: '2025-04-21T10:00', answer: 'nobody', actions: [{ kind: 'dtmf' as const, digits: '2' }] } },
  ]),
  ...fc.sample(scenario, { numRuns: RANDOM_SCENARIOS, seed: 4242 }),
];

let browser: Browser;
let bundle: string;

beforeAll(async () => {
  const out = await build({
    entryPoints: [path.join(ROOT, 'tests/simulator/support/browser-harness.ts')],
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'chrome110',
    write: false,
    tsconfig: path.join(ROOT, 'tsconfig.json'),
    logLevel: 'silent',
  });
  bundle = out.outputFiles[0].text;
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

describe('the simulator in Chromium', () => {
  it('bundles for the browser: nothing from Node, the SIP edge, the trunk, SMS, callbacks or the database in its graph', async () => {
    const out = await build({
      entryPoints: [path.join(ROOT, 'flow-runtime/simulator/index.ts')],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      metafile: true,
      tsconfig: path.join(ROOT, 'tsconfig.json'),
      logLevel: 'silent',
    });
    const inputs = Object.keys(out.metafile.inputs);
    expect(inputs.some((i) => i.includes('flow-runtime/simulator/simulator.ts'))).toBe(true);
    const forbidden = inputs.filter((i) => /^node:|sip-edge\/|flow-runtime\/(sms|callbacks|trunk|calls|media|records|webhooks|outbound-http\/(?!url-template))|prisma|@prisma/.test(i));
    expect(forbidden).toEqual([]);
  });

  it(`gives the same results and traces as Node for every fixture flow and ${RANDOM_SCENARIOS} random calls`, async () => {
    const flows = loadFixtureFlows(docs);
    const inNode = [];
    for (const s of scenarios) inNode.push(await runScenario(flows, context, s));

    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.setContent('<!doctype html><title>simulator</title>');
    await page.addScriptTag({ content: bundle });
    const json = await page.evaluate(
      async ({ docs, context, scenarios }) => JSON.stringify(await window.simulatorHarness.run(docs, context, scenarios)),
      { docs, context, scenarios },
    );
    await page.close();
    expect(errors).toEqual([]);
    const inBrowser = JSON.parse(json) as (typeof inNode[number] & { sameAsSession?: boolean })[];
    // the property, in the browser: the session fed the same events did the same
    expect(inBrowser.map((r, i) => (r.sameAsSession ? null : i)).filter((i) => i !== null)).toEqual([]);
    for (const r of inBrowser) delete r.sameAsSession;
    expect(inBrowser).toHaveLength(scenarios.length);
    const node = JSON.parse(JSON.stringify(inNode)) as typeof inNode;
    for (let i = 0; i < scenarios.length; i++) expect(inBrowser[i], `scenario ${i}: ${JSON.stringify(scenarios[i])}`).toEqual(node[i]);
    // the browser really ran calls: paths, prompts, bridges
    expect(inBrowser.filter((r) => r.result.outcome === 'answered').length).toBeGreaterThan(5);
    expect(inBrowser.every((r) => r.result.path.length > 0 && r.trace.length > 0)).toBe(true);
  }, 180_000);
});
