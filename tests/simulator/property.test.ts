// Property (issue 17): whatever the caller does, the simulator's call is the runtime's call.
// Random simulated calls on every fixture flow; the runtime's CallSession, fed the same
// events at the same instants, produces the same effects and the same recorded path.
// The same scenarios run in a real browser in browser.test.ts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadGoodFlows } from '@/tests/fixtures';
import { fixtureContext } from '@/tests/runtime/support/context';
import { scenario } from './support/arbitrary';
import { replayInSession } from './support/replay';
import { loadFixtureFlows, runScenario } from './support/scenario';

const docs = Object.fromEntries(loadGoodFlows().map((f) => [f.name, f.flow]));
const flows = loadFixtureFlows(docs);
const context = fixtureContext();

describe('simulator = runtime session', () => {
  it('random calls on every fixture flow: same effects and path as a CallSession fed the same events', async () => {
    const seen = new Set<string>();
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        const { result, trace } = await runScenario(flows, context, s);
        seen.add(s.flow);
        expect(trace.length).toBeGreaterThan(0);
        expect(trace[0].event.type).toBe('callStarted');
        // the call ended (silence until the end) and never failed inside
        expect(result.status).toBe('ended');
        expect(result.endReason).not.toBe('internal-error');
        const replay = await replayInSession(flows, context, s, trace);
        expect(replay.steps).toEqual(trace);
        expect(replay.path).toEqual(result.path);
        // the result is what the path says
        expect(result.visited).toEqual(result.path.filter((e) => e.kind === 'node-entered').map((e) => e.nodeId));
      }),
      { numRuns: 250, seed: 20261207 },
    );
    expect(seen.size).toBe(5);
  });
});
