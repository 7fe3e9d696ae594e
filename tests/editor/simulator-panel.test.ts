// The simulator panel's pure parts (issue 17): the canvas layer of a simulated path, the
// call set-up → SimulationInput, and "save as test case": a case saved from an interactive
// run replays as passing on the same draft (runCase), and fails once the path changes.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EMPTY_CONTEXT, type CallContext } from '@/flow-runtime/interpreter';
import { runCase } from '@/flow-runtime/simulator/run-case';
import { Simulator } from '@/flow-runtime/simulator/simulator';
import type { CallerAction, SimulationInput } from '@/flow-runtime/simulator/types';
import type { FlowDocument } from '@/schemas';
import { loadDraft } from '@/app/flow-editor/simulator/load-draft';
import { simulationLayer, visitsLabel } from '@/app/flow-editor/simulator/path-layer';
import { caseFromRun } from '@/app/flow-editor/simulator/save-case';
import { defaultSetup, inputFromSetup, localDateTime, setupProblems } from '@/app/flow-editor/simulator/setup';

const demo = JSON.parse(readFileSync(new URL('../fixtures/flows/good/demo.json', import.meta.url), 'utf8')) as FlowDocument;
const context: CallContext = {
  ...EMPTY_CONTEXT,
  agents: { agt_marie: { id: 'agt_marie', name: 'Marie', status: 'available' }, agt_lucas: { id: 'agt_lucas', name: 'Lucas', status: 'available' } },
  groups: { grp_accueil: { id: 'grp_accueil', members: [{ agentId: 'agt_marie', position: 1 }, { agentId: 'agt_lucas', position: 2 }] } },
};

describe('simulation layer', () => {
  it('marks the current step, the visited ones with their visit numbers, and the outputs taken', () => {
    const layer = simulationLayer({ visited: ['welcome', 'menu', 'menu', 'agents'], outputsTaken: ['welcome:next', 'menu:timeout', 'menu:1'], currentNodeId: 'agents' });
    expect(layer.nodes).toEqual({ welcome: 'visited', menu: 'visited', agents: 'current' });
    expect(layer.order).toEqual({ welcome: [1], menu: [2, 3], agents: [4] });
    expect(layer.edges).toEqual({ 'welcome:next': 'taken', 'menu:timeout': 'taken', 'menu:1': 'taken' });
  });
  it('shortens the visit numbers of a loop', () => {
    expect(visitsLabel([2, 5])).toBe('2 · 5');
    expect(visitsLabel([1, 3, 5, 7, 9, 11])).toBe('1 · 3 · 5 … 11');
  });
});

describe('call set-up', () => {
  it('defaults to now in the organisation zone and the first number', () => {
    const setup = defaultSetup({ timezone: 'Europe/Paris', numbers: [{ e164: '+33184000000' }], now: new Date('2026-12-25T09:30:00Z') });
    expect(setup.at).toBe('2026-12-25T10:30');
    expect(setup.called).toBe('+33184000000');
    expect(setupProblems(setup)).toEqual({});
    expect(localDateTime(new Date('2026-07-01T22:15:00Z'), 'America/New_York')).toBe('2026-07-01T18:15');
  });
  it('names the failing field', () => {
    const setup = defaultSetup({ timezone: 'Europe/Paris', numbers: [] });
    expect(setupProblems({ ...setup, caller: '' })).toEqual({ caller: 'required' });
    expect(setupProblems({ ...setup, caller: 'abc' })).toEqual({ caller: 'invalid' });
    expect(setupProblems({ ...setup, hidden: true, caller: '' })).toEqual({});
    expect(setupProblems({ ...setup, timezone: 'Mars/Olympus' })).toEqual({ timezone: 'invalid' });
    expect(setupProblems({ ...setup, at: '' })).toEqual({ at: 'required' });
  });
  it('gives the simulator input: hidden caller, overrides only when chosen', () => {
    const setup = { ...defaultSetup({ timezone: 'Europe/Paris', numbers: [{ e164: '+33184000000' }] }), caller: '06 12 34 56 78', agents: { agt_marie: 'busy' as const } };
    expect(inputFromSetup(setup)).toMatchObject({ caller: '0612345678', called: '+33184000000', timezone: 'Europe/Paris', answer: 'first', actions: [] });
    expect(inputFromSetup(setup).agents).toBeUndefined();
    expect(inputFromSetup({ ...setup, availability: 'override' }).agents).toEqual({ agt_marie: 'busy' });
    expect(inputFromSetup({ ...setup, hidden: true }).caller).toBeNull();
  });
});

describe('save as test case', () => {
  async function interactiveRun(document: FlowDocument, input: SimulationInput, keys: string[]) {
    const loaded = loadDraft(document);
    if (!loaded.ok) throw new Error('draft not loadable');
    const sim = new Simulator({ flow: loaded.flow, context, input });
    const actions: CallerAction[] = [];
    await sim.start();
    for (const digits of keys) {
      actions.push({ kind: 'dtmf', digits });
      await sim.press(digits);
    }
    for (let i = 0; i < 20 && sim.result().status !== 'ended'; i++) {
      actions.push({ kind: 'silence' });
      await sim.silence();
    }
    return { input, actions, http: [], result: sim.result() };
  }

  it('replays as passing, and fails when the draft no longer takes that path', async () => {
    const input = inputFromSetup({ ...defaultSetup({ timezone: 'Europe/Paris', numbers: [{ e164: '+33184000000' }] }), at: '2026-12-07T10:00', answer: 'nobody' });
    const run = await interactiveRun(demo, input, ['1']);
    expect(run.result.status).toBe('ended');
    const testCase = caseFromRun(run, 'Key 1, nobody answers', new Set());
    expect(testCase.id).toMatch(/^case_/);
    expect(testCase.input.actions[0]).toEqual({ kind: 'dtmf', digits: '1' });
    expect(testCase.expect.endNodeId).toBe(run.result.endNodeId);
    expect(testCase.expect.visited).toContain('agents');

    const replay = await runCase(demo, testCase, { context });
    expect(replay.mismatches).toEqual([]);
    expect(replay.passed).toBe(true);

    // Key 1 now leads to the information message instead of the group.
    const changed = structuredClone(demo);
    const edge = changed.edges.find((e) => e.source === 'menu' && e.sourceOutput === '1')!;
    edge.target = 'info';
    const failing = await runCase(changed, testCase, { context });
    expect(failing.passed).toBe(false);
    expect(failing.mismatches.map((m) => m.field)).toContain('visited');
  });
});
