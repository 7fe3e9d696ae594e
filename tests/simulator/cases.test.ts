// Saved test cases (issue 17): a run saved as a case passes when run again, fails with the
// mismatch explained when the flow changes; runCases, coverage, node id remapping, and the
// flow document's `tests` (schema bounds, validateFlow warnings, never errors).
import { describe, expect, it } from 'vitest';
import type { CallContext } from '@/flow-runtime/interpreter';
import {
  caseFromResult,
  checkCase,
  coverage,
  emptyResult,
  remapTestCaseIds,
  runCase,
  runCases,
  runFlowTests,
  Simulator,
  asLoadedFlow,
  type FlowTestCase,
} from '@/flow-runtime/simulator';
import { validateFlow, type FlowDocument } from '@/schemas';
import { loadGoodFlows } from '@/tests/fixtures';
import { fixtureContext } from '@/tests/runtime/support/context';

const docs = Object.fromEntries(loadGoodFlows().map((f) => [f.name, f.flow])) as Record<string, Record<string, unknown>>;
const context: CallContext = fixtureContext();
const reception = docs['reception-fr'];

const closedCase: FlowTestCase = {
  id: 'case_holiday',
  name: 'Lundi de Pâques',
  input: { caller: '+33612345678', called: '+33184000000', at: '2025-04-21T10:00', actions: [] },
  expect: { endNodeId: 'voicemail', outcome: null, visited: ['welcome', 'hours', 'closed', 'voicemail'] },
};
const voicemailCase: FlowTestCase = {
  id: 'case_nobody',
  name: 'Support, personne',
  input: { caller: '+33612345678', called: '+33184000000', at: '2025-01-14T10:00', answer: 'nobody', actions: [{ kind: 'dtmf', digits: '2' }] },
  expect: { endNodeId: 'voicemail', outcome: 'no_answer' },
};

/** reception-fr with menu key 2 disconnected. */
function withoutKey2(doc: Record<string, unknown>): Record<string, unknown> {
  const edges = (doc.edges as { source: string; sourceOutput: string }[]).filter((e) => !(e.source === 'menu' && e.sourceOutput === '2'));
  return { ...doc, edges };
}

describe('runCase / checkCase / runCases', () => {
  it('passes cases that hold, on a document or a loaded flow', async () => {
    const runs = await runCases(reception, [closedCase, voicemailCase], { context });
    expect(runs.map((r) => [r.caseId, r.passed, r.mismatches])).toEqual([
      ['case_holiday', true, []],
      ['case_nobody', true, []],
    ]);
    const again = await runCase(asLoadedFlow(reception, 'reception-fr'), voicemailCase, { context });
    expect(again.passed).toBe(true);
    expect(again.result.visited).toEqual(['welcome', 'hours', 'menu', 'support', 'voicemail']);
  });

  it('the flow broken (menu key 2 disconnected): the case fails and says where the call went', async () => {
    const run = await runCase(withoutKey2(reception), voicemailCase, { context });
    expect(run.passed).toBe(false);
    // key 2 leads nowhere: the call hangs up at the menu
    expect(run.mismatches).toEqual([
      { field: 'endNodeId', expected: 'voicemail', actual: 'menu' },
      { field: 'outcome', expected: 'no_answer', actual: null },
    ]);
  });

  it('checkCase compares only what the expectation gives; variables one by one', () => {
    const result = { ...emptyResult(), endNodeId: 'a', outcome: 'answered' as const, visited: ['x', 'a'], variables: { tier: 'gold', n: 2, o: { a: [1, 2] } } };
    expect(checkCase({}, result)).toEqual([]);
    expect(checkCase({ variables: { o: { a: [1, 2] }, tier: 'gold' } }, result)).toEqual([]);
    expect(checkCase({ endNodeId: 'b', visited: ['x', 'b'], variables: { tier: 'silver', missing: null } }, result)).toEqual([
      { field: 'endNodeId', expected: 'b', actual: 'a' },
      { field: 'visited', expected: ['x', 'b'], actual: ['x', 'a'] },
      { field: 'variables', key: 'tier', expected: 'silver', actual: 'gold' },
      { field: 'variables', key: 'missing', expected: null, actual: null },
    ]);
  });

  it('a case that cannot run fails with an error naming the problem, never throws', async () => {
    const bad = await runCase(reception, { ...closedCase, input: { ...closedCase.input, at: 'lundi' } }, { context });
    expect(bad.passed).toBe(false);
    expect(bad.mismatches).toEqual([{ field: 'error', expected: null, actual: expect.stringMatching(/^at: "lundi" is not a local date and time/) }]);
    const invalid = await runCase({ schemaVersion: 1, name: 'x', entry: 'nope', nodes: [], edges: [] }, closedCase, { context });
    expect(invalid.mismatches[0]).toMatchObject({ field: 'error', actual: expect.stringContaining('invalid') });
  });

  it('after the actions, the caller stays silent until the call ends', async () => {
    const run = await runCase(reception, { ...closedCase, input: { ...closedCase.input, at: '2025-01-14T10:00' }, expect: { endNodeId: 'reception' } }, { context });
    expect(run.passed).toBe(true);
    expect(run.result.outputsTaken).toContain('menu:timeout');
  });
});

describe('runFlowTests', () => {
  it("runs the document's cases (or some of them) and gives the coverage", async () => {
    const doc = { ...reception, tests: [closedCase, voicemailCase] };
    const all = await runFlowTests(doc, { context });
    expect(all.runs.map((r) => r.passed)).toEqual([true, true]);
    expect(all.coverage.percent).toBe(48);
    const one = await runFlowTests(doc, { context, caseIds: ['case_nobody', 'case_unknown'] });
    expect(one.runs.map((r) => r.caseId)).toEqual(['case_nobody']);
    const given = await runFlowTests(withoutKey2(reception), { context, cases: [voicemailCase] });
    expect(given.runs[0].passed).toBe(false);
    // an invalid document: every case fails with the reason, the coverage is zero
    const invalid = await runFlowTests({ ...doc, entry: 'nowhere' }, { context });
    expect(invalid.runs.map((r) => r.mismatches[0].field)).toEqual(['error', 'error']);
    expect(invalid.coverage.percent).toBe(0);
  });
});

describe('a case from an interactive run', () => {
  it('keeps the input as used and the result as expectation; running it again passes', async () => {
    const sim = new Simulator({
      flow: asLoadedFlow(docs['http-condition'], 'http-condition'),
      context,
      input: { caller: '+33612345678', called: '+33184000000', at: '2025-01-14T10:00', actions: [] },
      http: async () => ({ status: 200, body: '{"customer":{"tier":"gold"}}' }),
    });
    await sim.start();
    const result = sim.result();
    const saved = caseFromResult({ name: '  Client VIP  ', input: sim.usedInput(), result });
    expect(saved.id).toMatch(/^case_[a-z0-9]{12}$/);
    expect(saved.name).toBe('Client VIP');
    expect(saved.input.http).toEqual([{ nodeId: 'lookup', status: 200, body: '{"customer":{"tier":"gold"}}' }]);
    expect(saved.expect).toEqual({
      endNodeId: 'vip',
      outcome: 'answered',
      visited: ['lookup', 'route', 'tag', 'vip'],
      variables: { customerId: null, tier: 'gold', balance: null, crmStatus: 200, priority: 'high' },
    });
    // replayed without any real HTTP: the answer received is now a typed one
    const run = await runCase(docs['http-condition'], saved, { context });
    expect(run).toMatchObject({ passed: true, mismatches: [] });
    // saved in the flow document, it is valid
    const doc = { ...docs['http-condition'], tests: [saved] };
    expect(validateFlow(doc).problems.filter((p) => p.path.startsWith('/tests'))).toEqual([]);
  });

  it('keys, silences and hang-ups done interactively are the actions saved', async () => {
    const sim = new Simulator({ flow: asLoadedFlow(reception), context, input: { caller: null, called: '+33184000000', at: '2025-01-14T10:00', actions: [] } });
    await sim.start();
    await sim.silence();
    await sim.press('3');
    const saved = caseFromResult({ name: 'Infos', input: sim.usedInput(), result: sim.result() });
    expect(saved.input.actions).toEqual([{ kind: 'silence' }, { kind: 'dtmf', digits: '3' }]);
    expect(saved.expect.endNodeId).toBe('bye');
    expect((await runCase(reception, saved, { context })).passed).toBe(true);
  });
});

describe('coverage', () => {
  it('counts the nodes entered and the connected outputs taken by the runs', async () => {
    const runs = await runCases(reception, [closedCase, voicemailCase], { context });
    const c = coverage(reception as unknown as FlowDocument, runs);
    expect(c.nodes).toEqual({ covered: 6, total: 10, ids: ['welcome', 'hours', 'menu', 'support', 'closed', 'voicemail'] });
    expect(c.outputs.total).toBe(15);
    expect(c.outputs.keys).toEqual(['welcome:next', 'hours:open', 'hours:holiday', 'menu:2', 'support:no_answer', 'closed:next']);
    expect(c.percent).toBe(Math.round((100 * (6 + 6)) / 25));
    expect(coverage(asLoadedFlow(reception), runs.map((r) => r.result))).toEqual(c);
    expect(coverage(reception as unknown as FlowDocument, []).percent).toBe(0);
  });
});

describe('remapTestCaseIds', () => {
  it('renames node ids in visited, endNodeId and typed HTTP answers; keeps the others', () => {
    const cases: FlowTestCase[] = [
      {
        id: 'case_a',
        name: 'A',
        input: { caller: null, called: '+33184000000', at: '2025-01-14T10:00', actions: [{ kind: 'dtmf', digits: '1' }], http: [{ nodeId: 'lookup', status: 200, body: '{}' }] },
        expect: { endNodeId: 'vip', visited: ['lookup', 'route', 'vip', 'other-flow-node'], variables: { tier: 'gold' } },
      },
    ];
    const map = { lookup: 'lookup-2', route: 'route-2', vip: 'vip-2' };
    const [out] = remapTestCaseIds(cases, map);
    expect(out.input.http).toEqual([{ nodeId: 'lookup-2', status: 200, body: '{}' }]);
    expect(out.expect).toEqual({ endNodeId: 'vip-2', visited: ['lookup-2', 'route-2', 'vip-2', 'other-flow-node'], variables: { tier: 'gold' } });
    expect(remapTestCaseIds(cases, new Map(Object.entries(map)))).toEqual([out]);
    // the original is untouched
    expect(cases[0].expect.endNodeId).toBe('vip');
  });
});

describe('tests in the flow document', () => {
  it('are optional, bounded (200 cases) and checked by the schema', () => {
    expect(validateFlow({ ...reception, tests: [closedCase, voicemailCase] }).problems).toEqual([]);
    const tooMany = Array.from({ length: 201 }, (_, i) => ({ ...closedCase, id: `case_${i}` }));
    const many = validateFlow({ ...reception, tests: tooMany });
    expect(many.ok).toBe(false);
    expect(many.problems[0]).toMatchObject({ severity: 'error', path: '/tests' });
    const badAction = validateFlow({ ...reception, tests: [{ ...closedCase, input: { ...closedCase.input, actions: [{ kind: 'dtmf', digits: '1x' }] } }] });
    expect(badAction.ok).toBe(false);
    expect(badAction.problems.some((p) => p.path.startsWith('/tests/0/input/actions/0'))).toBe(true);
  });

  it('a case naming a node that does not exist is a warning, never an error', () => {
    const stale: FlowTestCase = { ...voicemailCase, expect: { endNodeId: 'gone', visited: ['welcome', 'old-menu'] }, input: { ...voicemailCase.input, http: [{ nodeId: 'crm', status: 200 }] } };
    const result = validateFlow({ ...reception, tests: [stale, { ...closedCase, id: stale.id }] });
    expect(result.ok).toBe(true);
    expect(result.problems.map((p) => [p.severity, p.code, p.path, p.params])).toEqual([
      ['warning', 'test.unknown-node', '/tests/0/expect/endNodeId', { node: 'gone', name: 'Support, personne' }],
      ['warning', 'test.unknown-node', '/tests/0/expect/visited/1', { node: 'old-menu', name: 'Support, personne' }],
      ['warning', 'test.unknown-node', '/tests/0/input/http/0/nodeId', { node: 'crm', name: 'Support, personne' }],
      ['warning', 'test.duplicate-id', '/tests/1/id', { id: 'case_nobody', name: 'Lundi de Pâques' }],
    ]);
  });

  it('nodes visited after a redirect to another flow are not checked', () => {
    const doc = docs['all-steps'];
    const into: FlowTestCase = { ...closedCase, expect: { visited: ['filter', 'policy', 'welcome', 'hours', 'menu', 'split', 'redirect', 'welcome', 'menu', 'agents'], endNodeId: 'agents' } };
    expect(validateFlow({ ...doc, tests: [into] }).problems).toEqual([]);
  });
});
