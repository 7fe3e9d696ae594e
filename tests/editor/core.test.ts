// The editor's pure core: document ↔ graph, connections, clipboard, history, problems,
// schema-derived forms, templates, import/export, and the step registry's completeness.
import { describe, expect, it } from 'vitest';
import { compareWithStepTypes, STEP_METADATA, STEP_TYPES, validateFlow, type FlowDocument, type StepType } from '@/schemas';
import { loadGoodFlows } from '@/tests/fixtures';
import { FIXTURE_REFERENCES } from '@/tests/fixtures/references';
import { generateLargeFlow } from '@/tests/fixtures/generate-large-flow';
import { layoutGraph } from '@/app/flow-editor/core/auto-layout';
import { copySelection, pasteSelection, readClipboard } from '@/app/flow-editor/core/clipboard';
import { canConnect, connect, pruneEdges } from '@/app/flow-editor/core/connections';
import { createNode } from '@/app/flow-editor/core/create-node';
import { documentToGraph, graphToDocument, isBlankDocument } from '@/app/flow-editor/core/document';
import { emptyHistory, record, redo, undo } from '@/app/flow-editor/core/history';
import { exportDocument, importDocument } from '@/app/flow-editor/core/import-export';
import { indexProblems, outputKey, problemConfigPath } from '@/app/flow-editor/core/problems';
import { describeField, newArrayItem, setIn, stepForm } from '@/app/flow-editor/core/schema-form';
import { STEP_EDITORS, summarizeConfig } from '@/app/flow-editor/core/step-registry';
import { buildTemplate, TEMPLATE_IDS } from '@/app/flow-editor/core/templates';

describe('step registry', () => {
  it('has an editor entry for every step type and no other', () => {
    expect(compareWithStepTypes(Object.keys(STEP_EDITORS))).toEqual({ missing: [], extra: [] });
  });
  it('summarises every node of the all-steps fixture in one line', () => {
    const flow = loadGoodFlows().find((f) => f.name === 'all-steps')!.flow as unknown as FlowDocument;
    for (const node of flow.nodes) {
      const text = summarizeConfig(node.type, node.config as Record<string, unknown>, 'en', () => undefined);
      expect(text.length, node.type).toBeGreaterThan(0);
      expect(text.length).toBeLessThanOrEqual(70);
    }
  });
});

describe('document ↔ graph', () => {
  it('round-trips every good fixture unchanged (positions are whole pixels)', () => {
    for (const { name, flow } of loadGoodFlows()) {
      expect(graphToDocument(documentToGraph(flow as unknown as FlowDocument)), name).toEqual(flow);
    }
  });
  it('never writes React Flow state into the document', () => {
    const graph = documentToGraph(generateLargeFlow(20) as unknown as FlowDocument);
    graph.nodes[0] = { ...graph.nodes[0], selected: true, dragging: true, measured: { width: 10, height: 10 } };
    graph.edges[0] = { ...graph.edges[0], selected: true, className: 'edge-error' };
    const doc = graphToDocument(graph);
    expect(Object.keys(doc.nodes[0]).sort()).toEqual(['config', 'id', 'label', 'position', 'type']);
    expect(Object.keys(doc.edges[0]).sort()).toEqual(['id', 'source', 'sourceOutput', 'target']);
  });
  it('treats the hang-up a new flow starts with as blank', () => {
    expect(isBlankDocument({ schemaVersion: 1, name: 'x', entry: 'start', nodes: [{ id: 'start', type: 'hangup', position: { x: 0, y: 0 }, config: {} }], edges: [] } as FlowDocument)).toBe(true);
    expect(isBlankDocument(buildTemplate('empty', { name: 'x', language: 'fr' }))).toBe(false);
  });
});

describe('new nodes', () => {
  it('start every step with a config that passes its schema except for organisation references', () => {
    for (const type of STEP_TYPES) {
      const node = createNode(type, { x: 0, y: 0 }, new Set(), 'fr');
      const flow = { schemaVersion: 1, name: 't', entry: node.id, nodes: [{ id: node.id, type, position: node.position, config: node.data.config }], edges: [] };
      const schemaErrors = validateFlow(flow).problems.filter((p) => p.code.startsWith('schema.'));
      const onlyReferences = schemaErrors.every((p) => /Id$/.test(p.path) || /Id'|Id"/.test(p.message) || /(groupId|calendarId|agentId)/.test(p.message));
      expect(onlyReferences, `${type}: ${JSON.stringify(schemaErrors)}`).toBe(true);
    }
  });
  it('get readable unique ids', () => {
    const taken = new Set(['menu-1']);
    expect(createNode('menu', { x: 0, y: 0 }, taken, 'en').id).toBe('menu-2');
  });
});

describe('connections', () => {
  const graph = documentToGraph(buildTemplate('business-hours', { name: 'x', language: 'en', calendarId: 'c', groupIds: ['g1', 'g2'] }));
  it('only go from an existing output to a step', () => {
    expect(canConnect(graph.nodes, { source: 'menu', sourceHandle: '1', target: 'sales' })).toBe(true);
    expect(canConnect(graph.nodes, { source: 'menu', sourceHandle: '9', target: 'sales' })).toBe(false);
    expect(canConnect(graph.nodes, { source: 'menu', sourceHandle: null, target: 'sales' })).toBe(false);
    expect(canConnect(graph.nodes, { source: 'menu', sourceHandle: '1', target: 'nowhere' })).toBe(false);
  });
  it('replace the edge an output already had', () => {
    const edges = connect(graph.edges, { source: 'menu', sourceHandle: '1', target: 'support' });
    const fromKey1 = edges.filter((e) => e.source === 'menu' && e.sourceHandle === '1');
    expect(fromKey1).toHaveLength(1);
    expect(fromKey1[0].target).toBe('support');
    expect(edges).toHaveLength(graph.edges.length);
  });
  it('drop edges of outputs that disappeared (a menu key removed)', () => {
    const nodes = graph.nodes.map((n) => (n.id === 'menu' ? { ...n, data: { ...n.data, config: { ...n.data.config, keys: [{ key: '2' }] } } } : n));
    const edges = pruneEdges(nodes, graph.edges);
    expect(edges.some((e) => e.source === 'menu' && e.sourceHandle === '1')).toBe(false);
    expect(edges.some((e) => e.source === 'menu' && e.sourceHandle === '2')).toBe(true);
  });
});

describe('clipboard', () => {
  const graph = documentToGraph(buildTemplate('business-hours', { name: 'x', language: 'en' }));
  it('copies the selection with its inner edges and pastes it with fresh ids', () => {
    const text = copySelection(graph.nodes, graph.edges, new Set(['menu', 'sales']))!;
    const payload = readClipboard(text)!;
    expect(payload.nodes.map((n) => n.id)).toEqual(['menu', 'sales']);
    expect(payload.edges).toEqual([{ source: 'menu', sourceOutput: '1', target: 'sales' }]);
    const pasted = pasteSelection(payload, graph.nodes, graph.edges, { offset: { x: 40, y: 40 } });
    expect(pasted.nodes.map((n) => n.id)).toEqual(['menu-1', 'queue-group-1']);
    expect(pasted.nodes[0].position).toEqual({ x: 680, y: 40 });
    expect(pasted.edges).toEqual([{ id: 'e-1', source: 'menu-1', sourceHandle: '1', target: 'queue-group-1' }]);
  });
  it('ignores text that is not a copied selection', () => {
    expect(readClipboard('hello')).toBeNull();
    expect(readClipboard('{"nodes":[]}')).toBeNull();
  });
});

describe('history', () => {
  const a = documentToGraph(buildTemplate('empty', { name: 'a', language: 'en' }));
  const b = { ...a, meta: { ...a.meta, name: 'b' } };
  const c = { ...a, meta: { ...a.meta, name: 'c' } };
  it('undoes and redoes in order, and a new change clears redo', () => {
    let h = record(emptyHistory(), a);
    h = record(h, b);
    const u1 = undo(h, c)!;
    expect(u1.graph.meta.name).toBe('b');
    const u2 = undo(u1.history, u1.graph)!;
    expect(u2.graph.meta.name).toBe('a');
    const r1 = redo(u2.history, u2.graph)!;
    expect(r1.graph.meta.name).toBe('b');
    expect(record(r1.history, r1.graph).future).toEqual([]);
    expect(undo(emptyHistory(), a)).toBeNull();
  });
  it('merges quick changes with the same key (typing) into one step', () => {
    let h = record(emptyHistory(), a, { key: 'label', now: 0 });
    h = record(h, b, { key: 'label', now: 300 });
    h = record(h, c, { key: 'label', now: 600 });
    expect(h.past).toHaveLength(1);
    h = record(h, c, { key: 'label', now: 5000 });
    expect(h.past).toHaveLength(2);
  });
});

describe('problems on the canvas', () => {
  it('puts an unconnected menu key on its handle, and config problems next to their field', () => {
    const doc = buildTemplate('business-hours', { name: 'x', language: 'en', calendarId: 'c', groupIds: ['g'] });
    doc.edges = doc.edges.filter((e) => !(e.source === 'menu' && e.sourceOutput === '2'));
    (doc.nodes.find((n) => n.id === 'menu')!.config as { timeoutSeconds: number }).timeoutSeconds = -1;
    const { problems } = validateFlow(doc);
    const index = indexProblems(problems);
    expect(index.byOutput.get(outputKey('menu', '2'))?.[0].code).toBe('output.unconnected');
    const timeout = index.byNode.get('menu')!.find((p) => p.code === 'schema.minimum')!;
    expect(problemConfigPath(timeout)).toBe('/timeoutSeconds');
    expect(index.errorCount).toBeGreaterThan(0);
    expect(index.warningCount).toBeGreaterThan(0);
  });
});

describe('forms from schemas', () => {
  const widgets = (type: StepType) => Object.fromEntries(stepForm(STEP_METADATA[type].schema).map((f) => [f.name, f.widget]));
  it('picks a widget per field', () => {
    expect(widgets('menu')).toMatchObject({ prompt: 'prompt', keys: 'keys', timeoutSeconds: 'duration', retries: 'number', bargeIn: 'boolean' });
    expect(widgets('queue-group')).toMatchObject({ groupId: 'reference', strategy: 'enum', holdMusicSoundId: 'reference' });
    expect(widgets('forbidden-transfer')).toMatchObject({ presets: 'multi-enum', patterns: 'string-list', forbiddenListIds: 'reference-list' });
    expect(widgets('http-request')).toMatchObject({ headers: 'object-array', url: 'template', timeoutSeconds: 'duration' });
    expect(widgets('variable')).toMatchObject({ expression: 'expression' });
  });
  it('keeps bounds and shows kind-specific fields only for their kind', () => {
    const ring = describeField('ringTimeSeconds', STEP_METADATA['queue-group'].schema.properties!['ringTimeSeconds' as never], false);
    expect(ring).toMatchObject({ minimum: 5, maximum: 300, defaultValue: 20, integer: true });
    const target = stepForm(STEP_METADATA.redirect.schema).find((f) => f.name === 'target')!;
    expect(target.fields!.find((f) => f.name === 'groupId')!.visibleWhen).toEqual({ field: 'kind', values: ['group'] });
    expect(target.fields!.find((f) => f.name === 'groupId')!.widget).toBe('reference');
  });
  it('adds array items with their defaults and a free branch id', () => {
    const branches = stepForm(STEP_METADATA.split.schema).find((f) => f.name === 'branches')!;
    expect(newArrayItem(branches, [{ id: 'a' }, { id: 'b' }])).toEqual({ id: 'c', percent: 0 });
  });
  it('sets nested values immutably and removes undefined', () => {
    const before = { a: { b: [1, 2] }, c: 1 };
    expect(setIn(before, ['a', 'b', 1], 5)).toEqual({ a: { b: [1, 5] }, c: 1 });
    expect(setIn(before, ['c'], undefined)).toEqual({ a: { b: [1, 2] } });
    expect(before).toEqual({ a: { b: [1, 2] }, c: 1 });
  });
});

describe('templates', () => {
  it('are valid flows once the organisation has a calendar and groups', () => {
    for (const id of TEMPLATE_IDS) {
      const doc = buildTemplate(id, { name: 'T', language: 'fr', calendarId: 'cal_bureau', groupIds: ['grp_ventes', 'grp_support'] });
      const { ok, problems } = validateFlow(doc, { references: FIXTURE_REFERENCES });
      expect(ok, `${id}: ${JSON.stringify(problems)}`).toBe(true);
    }
  });
});

describe('import and export', () => {
  it('export blanks secret header values and keeps the rest', () => {
    const doc = buildTemplate('empty', { name: 'x', language: 'en' });
    doc.nodes.push({ id: 'crm', type: 'http-request', position: { x: 0, y: 0 }, config: { url: 'https://x.test', headers: [{ name: 'Authorization', value: 'Bearer s3cret', secret: true }, { name: 'X-Id', value: '1' }] } } as never);
    const out = exportDocument(doc);
    expect(JSON.stringify(out)).not.toContain('s3cret');
    expect((out.nodes[1].config as { headers: { value: string }[] }).headers[1].value).toBe('1');
    expect(JSON.stringify(doc)).toContain('s3cret');
  });
  it('import reports bad JSON and invalid flows without accepting them', () => {
    expect(importDocument('{ nope').ok).toBe(false);
    expect(importDocument('{ nope').problems[0].message).toMatch(/not valid JSON/);
    const bad = importDocument(JSON.stringify({ schemaVersion: 1, name: 'x', entry: 'a', nodes: [{ id: 'a', type: 'menu', position: { x: 0, y: 0 }, config: {} }], edges: [] }));
    expect(bad.ok).toBe(false);
    expect(bad.problems.length).toBeGreaterThan(0);
    const good = importDocument(JSON.stringify(buildTemplate('empty', { name: 'x', language: 'en' })));
    expect(good.ok).toBe(true);
  });
});

describe('auto layout', () => {
  it('lays a flow out left to right', async () => {
    const graph = documentToGraph(buildTemplate('business-hours', { name: 'x', language: 'en' }));
    const positions = await layoutGraph(graph.nodes, graph.edges);
    expect(positions.size).toBe(graph.nodes.length);
    expect(positions.get('welcome')!.x).toBeLessThan(positions.get('hours')!.x);
    expect(positions.get('hours')!.x).toBeLessThan(positions.get('menu')!.x);
    expect(positions.get('menu')!.x).toBeLessThan(positions.get('sales')!.x);
  });
});

describe('palette keyboard moves', () => {
  it('enters the list from the search box, stops at the ends, returns to the search box', async () => {
    const { nextPaletteIndex, isPaletteMove } = await import('@/app/flow-editor/core/palette-nav');
    expect(nextPaletteIndex(-1, 3, 'ArrowDown')).toBe(0);
    expect(nextPaletteIndex(0, 3, 'ArrowDown')).toBe(1);
    expect(nextPaletteIndex(2, 3, 'ArrowDown')).toBe(2);
    expect(nextPaletteIndex(2, 3, 'ArrowUp')).toBe(1);
    expect(nextPaletteIndex(0, 3, 'ArrowUp')).toBe(-1);
    expect(nextPaletteIndex(-1, 3, 'ArrowUp')).toBe(-1);
    expect(nextPaletteIndex(1, 3, 'Home')).toBe(0);
    expect(nextPaletteIndex(0, 3, 'End')).toBe(2);
    expect(nextPaletteIndex(-1, 0, 'ArrowDown')).toBe(-1);
    expect(['ArrowDown', 'ArrowLeft', 'End', 'Enter'].map(isPaletteMove)).toEqual([true, false, true, false]);
  });
});
