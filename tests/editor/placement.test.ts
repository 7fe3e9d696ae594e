// Where new steps land (core/placement.ts) and the automatic layout of steps that are not
// connected to each other (core/auto-layout.ts): never one box on top of another.
import { describe, expect, it } from 'vitest';
import { layoutGraph } from '@/app/flow-editor/core/auto-layout';
import { createNode } from '@/app/flow-editor/core/create-node';
import { boundingBox, findFreePosition, nodeRect, overlaps, ESTIMATED_STEP_SIZE } from '@/app/flow-editor/core/placement';
import type { EditorEdge, EditorNode } from '@/app/flow-editor/core/types';
import type { Problem, StepType } from '@/schemas';

const node = (id: string, x: number, y: number, size = { width: 230, height: 120 }): EditorNode =>
  ({ ...createNode('message', { x, y }, new Set(), 'en'), id, measured: size }) as EditorNode;

const noOverlap = (rects: { x: number; y: number; width: number; height: number }[]) => {
  for (let i = 0; i < rects.length; i++) for (let j = i + 1; j < rects.length; j++) expect(overlaps(rects[i], rects[j], 0), `${i} and ${j}`).toBe(false);
};

describe('free spot search', () => {
  it('keeps the asked position when it is free (snapped to the grid)', () => {
    expect(findFreePosition({ x: 101, y: 49 }, [])).toEqual({ x: 100, y: 40 });
    expect(findFreePosition({ x: 1000, y: 0 }, [node('a', 0, 0)])).toEqual({ x: 1000, y: 0 });
  });

  it('moves off a step to the nearest free spot', () => {
    const a = node('a', 0, 0);
    const p = findFreePosition({ x: 0, y: 0 }, [a]);
    expect(overlaps({ ...p, ...ESTIMATED_STEP_SIZE }, nodeRect(a))).toBe(false);
    // Nearest: just below (120 + gap 20 = 140 px down) rather than anywhere far.
    expect(Math.hypot(p.x, p.y)).toBeLessThanOrEqual(ESTIMATED_STEP_SIZE.height + 20 + 20);
  });

  it('never overlaps when many steps are added at the same point', () => {
    const nodes: EditorNode[] = [];
    for (let i = 0; i < 12; i++) nodes.push(node(`n${i}`, findFreePosition({ x: 300, y: 200 }, nodes).x, findFreePosition({ x: 300, y: 200 }, nodes).y));
    noOverlap(nodes.map(nodeRect));
    // They stay around the point asked for.
    const box = boundingBox(nodes);
    expect(box.width).toBeLessThan(1500);
    expect(box.height).toBeLessThan(1500);
  });

  it('places a group (pasted or a template) as one box in free space', () => {
    const existing = [node('a', 0, 0), node('b', 300, 0)];
    const size = { width: 600, height: 200 };
    const p = findFreePosition({ x: 0, y: 0 }, existing, size);
    for (const n of existing) expect(overlaps({ ...p, ...size }, nodeRect(n))).toBe(false);
  });

  it('uses the measured size of existing steps', () => {
    const tall = node('tall', 0, 0, { width: 230, height: 600 });
    const p = findFreePosition({ x: 0, y: 300 }, [tall]);
    expect(overlaps({ ...p, ...ESTIMATED_STEP_SIZE }, nodeRect(tall))).toBe(false);
  });
});

describe('automatic layout of unconnected steps', () => {
  const types: StepType[] = ['message', 'menu', 'hangup', 'filter', 'split', 'variable', 'voicemail', 'condition'];

  it('places steps without any edge apart from each other', async () => {
    const nodes = types.map((type, i) => ({ ...createNode(type, { x: 0, y: 0 }, new Set(), 'en'), id: `s${i}` }) as EditorNode);
    const positions = await layoutGraph(nodes, []);
    expect(positions.size).toBe(nodes.length);
    noOverlap(nodes.map((n) => nodeRect({ ...n, position: positions.get(n.id)! })));
  });

  it('places several connected groups and lone steps apart, with their real sizes', async () => {
    const nodes = types.map((type, i) => ({ ...createNode(type, { x: i * 5, y: 0 }, new Set(), 'en'), id: `s${i}`, measured: { width: 230, height: 100 + i * 30 } }) as EditorNode);
    const edges: EditorEdge[] = [
      { id: 'e1', source: 's0', sourceHandle: 'next', target: 's2' },
      { id: 'e2', source: 's5', sourceHandle: 'next', target: 's6' },
    ];
    const positions = await layoutGraph(nodes, edges);
    noOverlap(nodes.map((n) => nodeRect({ ...n, position: positions.get(n.id)! })));
    expect(positions.get('s0')!.x).toBeLessThan(positions.get('s2')!.x);
  });
});

describe('one list of problems for the panel and the save status', () => {
  it('adds the server-only problems once', async () => {
    const { mergeProblems, indexProblems } = await import('@/app/flow-editor/core/problems');
    const a = { code: 'node.invalid-config', path: '/nodes/0/config', message: 'x', severity: 'error', nodeId: 'a' } as unknown as Problem;
    const b = { code: 'reference.missing', path: '/nodes/1/config/groupId', message: 'y', severity: 'error', nodeId: 'b' } as unknown as Problem;
    const merged = mergeProblems([a], [a, b]);
    expect(merged).toEqual([a, b]);
    expect(indexProblems(merged).errorCount).toBe(2);
  });
});

describe('step badges', () => {
  it('draws the filter step with an SVG icon, not a glyph missing from common fonts', async () => {
    const { STEP_EDITORS } = await import('@/app/flow-editor/core/step-registry');
    expect(STEP_EDITORS.filter.iconPath).toMatch(/^M/);
    expect(STEP_EDITORS.filter.glyph).not.toBe('⧩');
  });
});

describe('a template added beside the current steps', () => {
  it('brings its steps and links with fresh ids, placed clear of the current steps', async () => {
    const { documentToClipboard, pasteSelection } = await import('@/app/flow-editor/core/clipboard');
    const { buildTemplate } = await import('@/app/flow-editor/core/templates');
    const { documentToGraph } = await import('@/app/flow-editor/core/document');
    const current = documentToGraph(buildTemplate('reception-cascade', { name: 'x', language: 'fr' }));
    const template = buildTemplate('business-hours', { name: 'x', language: 'fr' });
    const box = boundingBox(current.nodes);
    const added = pasteSelection(documentToClipboard(template), current.nodes, current.edges, { at: { x: box.x + box.width + 120, y: box.y } });
    expect(added.nodes).toHaveLength(template.nodes.length);
    expect(added.edges).toHaveLength(template.edges.length);
    const ids = new Set(current.nodes.map((n) => n.id));
    for (const n of added.nodes) expect(ids.has(n.id), n.id).toBe(false);
    const addedBox = boundingBox(added.nodes);
    const free = findFreePosition(addedBox, current.nodes, addedBox);
    for (const n of current.nodes) expect(overlaps({ ...free, ...addedBox }, nodeRect(n))).toBe(false);
  });
});

describe('sizes the canvas measured', () => {
  it('are used for placement when the store has none (after undo, a template, a reload)', async () => {
    const { useEditorStore } = await import('@/app/flow-editor/store');
    const tall = { ...node('tall', 0, 0), measured: undefined } as EditorNode;
    useEditorStore.setState({ nodes: [tall], editable: true, measure: (id) => (id === 'tall' ? { width: 230, height: 600 } : undefined) });
    expect(useEditorStore.getState().sizedNodes()[0].measured).toEqual({ width: 230, height: 600 });
    const id = useEditorStore.getState().addNode('message', { x: 0, y: 300 });
    const added = useEditorStore.getState().nodes.find((n) => n.id === id)!;
    expect(overlaps({ ...added.position, ...ESTIMATED_STEP_SIZE }, { x: 0, y: 0, width: 230, height: 600 })).toBe(false);
  });
});
