// The Tests panel's pure parts (issue 17): saved test cases cross document ↔ graph (so save,
// export, import and undo keep them), the store's case actions, the coverage overlay layer,
// failing cases' mismatches put into words, and the browser runner on sim-core's runCases.
import { describe, expect, it } from 'vitest';
import type { FlowDocument } from '@/schemas';
import type { FlowTestCase } from '@/flow-runtime/simulator/types';
import { documentToGraph, graphToDocument } from '@/app/flow-editor/core/document';
import { exportDocument, importDocument } from '@/app/flow-editor/core/import-export';
import { useEditorStore } from '@/app/flow-editor/store';
import { coverageLayer } from '@/app/flow-editor/flow-tests/coverage-layer';
import { tally } from '@/app/flow-editor/flow-tests/store';
import { explainMismatch } from '@/app/components/versions/test-mismatch';
import { failingCases } from '@/app/components/versions/publish-tests';

const closedCase: FlowTestCase = {
  id: 'case_closed',
  name: 'Holiday: closed',
  input: { caller: '+33612345678', called: '+33100000000', at: '2026-12-25T10:00', timezone: 'Europe/Paris', actions: [] },
  expect: { endNodeId: 'closed', outcome: null, visited: ['hours', 'closed'] },
};

const flow = {
  schemaVersion: 1,
  name: 'Front desk',
  language: 'en',
  entry: 'hours',
  nodes: [
    { id: 'hours', type: 'hours', position: { x: 0, y: 0 }, label: 'Office hours', config: { calendarId: 'cal' } },
    { id: 'menu', type: 'menu', position: { x: 300, y: 0 }, label: 'Menu', config: { prompt: { kind: 'tts', text: { en: 'Press 1.' } }, keys: [{ key: '1', label: 'Sales' }] } },
    { id: 'closed', type: 'hangup', position: { x: 300, y: 200 }, label: 'Closed', config: {} },
  ],
  edges: [
    { id: 'e1', source: 'hours', sourceOutput: 'open', target: 'menu' },
    { id: 'e2', source: 'hours', sourceOutput: 'closed', target: 'closed' },
  ],
  tests: [closedCase],
} as unknown as FlowDocument;

describe('saved test cases in the editor', () => {
  it('cross document → graph → document unchanged, and the export keeps them', () => {
    const back = graphToDocument(documentToGraph(flow));
    expect(back).toEqual(flow);
    expect((exportDocument(back) as { tests?: unknown }).tests).toEqual([closedCase]);
  });

  it('an imported flow file keeps its cases (and the graph it loads into)', () => {
    const imported = importDocument(JSON.stringify(flow), { calendars: new Set(['cal']) } as never);
    expect(imported.problems.filter((p) => p.severity === 'error' && p.code !== 'output.required-unconnected')).toEqual([]);
    expect((imported.document as { tests?: unknown }).tests).toEqual([closedCase]);
    expect(documentToGraph(imported.document!).meta.tests).toEqual([closedCase]);
  });

  it('a document without cases gets no `tests` field', () => {
    const { tests: _none, ...without } = flow as unknown as Record<string, unknown>;
    expect('tests' in graphToDocument(documentToGraph(without as unknown as FlowDocument))).toBe(false);
  });

  it('are added, renamed and removed as undoable document changes', () => {
    const store = useEditorStore.getState();
    store.load({ flowId: 'f1', document: flow, revision: 1, references: { sounds: [], groups: [], calendars: [], numbers: [], flows: [], agents: [], forbiddenLists: [] }, language: 'en', editable: true });
    const v0 = useEditorStore.getState().version;
    store.addTestCase({ ...closedCase, id: 'case_two', name: 'Second' });
    expect(useEditorStore.getState().version).toBe(v0 + 1);
    expect((useEditorStore.getState().document() as { tests?: FlowTestCase[] }).tests?.map((c) => c.id)).toEqual(['case_closed', 'case_two']);
    useEditorStore.getState().updateTestCase('case_two', { name: 'Renamed' });
    expect(useEditorStore.getState().meta.tests?.[1].name).toBe('Renamed');
    useEditorStore.getState().removeTestCase('case_closed');
    useEditorStore.getState().removeTestCase('case_two');
    expect('tests' in useEditorStore.getState().document()).toBe(false);
    useEditorStore.getState().undo();
    expect(useEditorStore.getState().meta.tests?.map((c) => c.id)).toEqual(['case_two']);
  });
});

describe('coverage layer', () => {
  it('marks steps and connected outputs covered or uncovered', () => {
    const layer = coverageLayer(flow, { nodes: { covered: 2, total: 3, ids: ['hours', 'closed'] }, outputs: { covered: 1, total: 2, keys: ['hours:closed'] } });
    expect(layer.nodes).toEqual({ hours: 'covered', menu: 'uncovered', closed: 'covered' });
    expect(layer.edges).toEqual({ 'hours:open': 'uncovered', 'hours:closed': 'covered' });
  });
});

describe('tally', () => {
  it('counts passed, failed and not run among the listed cases only', () => {
    const run = (passed: boolean) => ({ run: { caseId: 'x', name: 'x', passed, mismatches: [], result: {} as never }, at: 0, on: 'saved' as const });
    expect(tally(['a', 'b', 'c'], { a: run(true), b: run(false), gone: run(false) })).toEqual({ passed: 1, failed: 1, notRun: 1, total: 3 });
  });
});

describe('mismatches in words', () => {
  const names: Record<string, string> = { vm: 'Voicemail', closed: 'Closed', menu: 'Menu', hours: 'Office hours' };
  const nodeName = (id: string) => names[id] ?? id;
  const outcome = (o: string | null) => o ?? 'flow end';
  it('names the steps of an unexpected end', () => {
    expect(explainMismatch({ field: 'endNodeId', expected: 'vm', actual: 'closed' }, nodeName, outcome)).toEqual({ key: 'endNode', values: { expected: 'Voicemail', actual: 'Closed' } });
    expect(explainMismatch({ field: 'endNodeId', expected: 'vm', actual: null }, nodeName, outcome).key).toBe('endNodeNone');
  });
  it('says where the path went another way (1-based step)', () => {
    expect(explainMismatch({ field: 'visited', expected: ['hours', 'menu', 'vm'], actual: ['hours', 'menu', 'closed'] }, nodeName, outcome)).toEqual({
      key: 'path',
      values: { step: 3, expected: 'Voicemail', actual: 'Closed' },
    });
    expect(explainMismatch({ field: 'visited', expected: ['hours', 'menu', 'vm'], actual: ['hours', 'menu'] }, nodeName, outcome)).toEqual({ key: 'pathShorter', values: { step: 3, expected: 'Voicemail' } });
    expect(explainMismatch({ field: 'visited', expected: ['hours'], actual: ['hours', 'menu'] }, nodeName, outcome)).toEqual({ key: 'pathLonger', values: { step: 2, actual: 'Menu' } });
  });
  it('outcomes and variables', () => {
    expect(explainMismatch({ field: 'outcome', expected: 'no_answer', actual: null }, nodeName, outcome)).toEqual({ key: 'outcome', values: { expected: 'no_answer', actual: 'flow end' } });
    expect(explainMismatch({ field: 'variables', key: 'choice', expected: '2', actual: undefined }, nodeName, outcome)).toEqual({ key: 'variableUnset', values: { name: 'choice', expected: '2' } });
    expect(explainMismatch({ field: 'variables', key: 'n', expected: 1, actual: 2 }, nodeName, outcome)).toEqual({ key: 'variable', values: { name: 'n', expected: '1', actual: '2' } });
  });
});

describe('409 TESTS_FAILING body', () => {
  it('lists the failing cases only', () => {
    const error = { code: 'TESTS_FAILING', runs: [{ caseId: 'a', name: 'A', passed: true, mismatches: [] }, { caseId: 'b', name: 'B', passed: false, mismatches: [{ field: 'endNodeId', expected: 'vm', actual: 'closed' }] }] };
    expect(failingCases(error)).toEqual([{ caseId: 'b', name: 'B', mismatches: [{ field: 'endNodeId', expected: 'vm', actual: 'closed' }] }]);
    expect(failingCases(undefined)).toEqual([]);
  });
});

describe('running the saved cases (browser runner, directory given)', () => {
  const menuFlow = {
    schemaVersion: 1,
    name: 'Keys',
    language: 'en',
    entry: 'welcome',
    nodes: [
      { id: 'welcome', type: 'message', position: { x: 0, y: 0 }, label: 'Welcome', config: { prompt: { kind: 'tts', text: { en: 'Hello.' } } } },
      { id: 'menu', type: 'menu', position: { x: 300, y: 0 }, label: 'Menu', config: { prompt: { kind: 'tts', text: { en: 'Press 1 or 2.' } }, keys: [{ key: '1', label: 'One' }, { key: '2', label: 'Two' }] } },
      { id: 'one', type: 'hangup', position: { x: 600, y: 0 }, label: 'One', config: {} },
      { id: 'two', type: 'hangup', position: { x: 600, y: 200 }, label: 'Two', config: {} },
    ],
    edges: [
      { id: 'e1', source: 'welcome', sourceOutput: 'next', target: 'menu' },
      { id: 'e2', source: 'menu', sourceOutput: '1', target: 'one' },
      { id: 'e3', source: 'menu', sourceOutput: '2', target: 'two' },
    ],
  } as unknown as FlowDocument;
  const pressTwo: FlowTestCase = {
    id: 'case_two',
    name: 'Key 2',
    input: { caller: '+33612345678', called: '+33142000000', at: '2026-12-22T10:00', timezone: 'Europe/Paris', actions: [{ kind: 'dtmf', digits: '2' }] },
    expect: { endNodeId: 'two', visited: ['welcome', 'menu', 'two'] },
  };

  it('passes on the flow it was saved from, and fails in words once the path changes (even with an output left unconnected)', async () => {
    const { runSavedCases } = await import('@/app/flow-editor/flow-tests/run-saved-cases');
    const { EMPTY_CONTEXT } = await import('@/flow-runtime/interpreter/context');
    const sim = { context: EMPTY_CONTEXT, flows: {} };
    const ok = await runSavedCases('f1', menuFlow, [pressTwo], sim);
    expect(ok.runs.map((r) => [r.caseId, r.passed])).toEqual([['case_two', true]]);
    expect(ok.coverage.nodes).toMatchObject({ covered: 3, total: 4 });

    // The menu's key 2 disconnected: a draft may keep it so; the call ends at the menu.
    const broken = { ...menuFlow, edges: menuFlow.edges.filter((e) => e.id !== 'e3') } as FlowDocument;
    const [run] = (await runSavedCases('f1', broken, [pressTwo], sim)).runs;
    expect(run.passed).toBe(false);
    expect(run.mismatches.find((m) => m.field === 'endNodeId')).toMatchObject({ expected: 'two', actual: 'menu' });
    // Even the welcome's required "next" left unconnected runs (the call ends there), not an error.
    const unconnected = { ...menuFlow, edges: [] } as unknown as FlowDocument;
    const [cut] = (await runSavedCases('f1', unconnected, [pressTwo], sim)).runs;
    expect(cut.mismatches.map((m) => m.field)).not.toContain('error');
  });
});
