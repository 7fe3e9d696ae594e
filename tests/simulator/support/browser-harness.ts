// Entry of the browser bundle (tests/simulator/browser.test.ts bundles it with esbuild for
// the browser platform and loads it in Chromium): window.simulatorHarness runs scenarios.
// Each run also says whether the runtime's CallSession, fed the same events in the browser,
// produced the same effects and path (the property of property.test.ts, run here too).
import type { CallContext } from '@/flow-runtime/interpreter';
import { sameValue } from '@/flow-runtime/simulator';
import { replayInSession } from './replay';
import { loadFixtureFlows, runScenario, type Scenario, type ScenarioRun } from './scenario';

export type BrowserRun = ScenarioRun & { sameAsSession: boolean };

declare global {
  interface Window {
    simulatorHarness: { run(docs: Record<string, unknown>, context: CallContext, scenarios: Scenario[]): Promise<BrowserRun[]> };
  }
}

window.simulatorHarness = {
  async run(docs, context, scenarios) {
    const flows = loadFixtureFlows(docs);
    const runs: BrowserRun[] = [];
    for (const scenario of scenarios) {
      const run = await runScenario(flows, context, scenario);
      const replay = await replayInSession(flows, context, scenario, run.trace);
      runs.push({ ...run, sameAsSession: sameValue(JSON.parse(JSON.stringify(replay.steps)), JSON.parse(JSON.stringify(run.trace))) && sameValue(replay.path, run.result.path) });
    }
    return runs;
  },
};
