// The pure halves of versioning: diffFlows (what changed between two documents) and
// remapFlowIds (fresh ids for a duplicate). No server needed, but they live beside the API
// tests of the same feature.
import { describe, expect, it } from 'vitest';
import { diffFlows, isEmptyDiff } from '@/app/lib/versions/diff-flows';
import { remapFlowIds } from '@/app/lib/versions/remap-flow-ids';

//   start(message) ──next──▶ menu(menu) ──1──▶ bye(hangup)
const base = {
  schemaVersion: 1,
  name: 'Flow',
  language: 'fr',
  entry: 'start',
  settings: { maxSteps: 100, maxStepsNode: 'bye' },
  nodes: [
    { id: 'start', type: 'message', position: { x: 0, y: 0 }, label: 'Start', config: { prompt: { kind: 'tts', text: { fr: 'Bonjour' } } } },
    { id: 'menu', type: 'menu', position: { x: 200, y: 0 }, label: 'Menu', config: { keys: [{ key: '1', label: 'One' }], timeoutSeconds: 5 } },
    { id: 'bye', type: 'hangup', position: { x: 400, y: 0 }, label: 'Bye', config: {} },
  ],
  edges: [
    { id: 'e1', source: 'start', sourceOutput: 'next', target: 'menu' },
    { id: 'e2', source: 'menu', sourceOutput: '1', target: 'bye' },
  ],
};
const clone = () => structuredClone(base);

describe('diffFlows', () => {
  it('finds nothing between equal documents', () => {
    expect(isEmptyDiff(diffFlows(base, clone()))).toBe(true);
  });

  it('lists config changes as JSON pointers with before and after, array items included', () => {
    const next = clone();
    (next.nodes[0].config as { prompt: { text: unknown } }).prompt.text = { fr: 'Salut', en: 'Hi' };
    const menu = next.nodes[1].config as { keys: { key: string; label: string }[]; timeoutSeconds: number };
    menu.keys.push({ key: '2', label: 'Two' });
    menu.timeoutSeconds = 8;
    const diff = diffFlows(base, next);
    expect(diff.nodes.changed).toEqual([
      { id: 'start', type: 'message', label: 'Start', changes: [{ path: '/config/prompt/text/en', after: 'Hi' }, { path: '/config/prompt/text/fr', before: 'Bonjour', after: 'Salut' }] },
      {
        id: 'menu',
        type: 'menu',
        label: 'Menu',
        changes: [
          { path: '/config/keys/1', after: { key: '2', label: 'Two' } },
          { path: '/config/timeoutSeconds', before: 5, after: 8 },
        ],
      },
    ]);
  });

  it('reports moves apart and not as changes', () => {
    const next = clone();
    next.nodes[2].position = { x: 10, y: 20 };
    const diff = diffFlows(base, next);
    expect(diff.nodes.changed).toEqual([]);
    expect(diff.nodes.moved).toEqual([{ id: 'bye', type: 'hangup', label: 'Bye', from: { x: 400, y: 0 }, to: { x: 10, y: 20 } }]);
    expect(isEmptyDiff(diff)).toBe(true);
  });

  it('finds added and removed nodes and edges, and a rewired edge as removed + added', () => {
    const next = clone();
    next.nodes = next.nodes.filter((n) => n.id !== 'menu');
    next.nodes.push({ id: 'queue', type: 'hangup', position: { x: 0, y: 0 }, label: 'Queue', config: {} });
    next.edges = [{ id: 'e1', source: 'start', sourceOutput: 'next', target: 'bye' }];
    const diff = diffFlows(base, next);
    expect(diff.nodes.added.map((n) => n.id)).toEqual(['queue']);
    expect(diff.nodes.removed.map((n) => n.id)).toEqual(['menu']);
    expect(diff.edges.added).toEqual([{ id: 'e1', source: 'start', sourceOutput: 'next', target: 'bye' }]);
    expect(diff.edges.removed.map((e) => `${e.id}:${e.target}`).sort()).toEqual(['e1:menu', 'e2:bye']);
  });

  it('reports document-level changes (entry, settings)', () => {
    const next = clone();
    next.entry = 'menu';
    expect(diffFlows(base, next).document).toEqual([{ path: '/entry', before: 'start', after: 'menu' }]);
  });
});

describe('remapFlowIds', () => {
  it('gives every node and edge a fresh id and follows them in edges, entry and settings', () => {
    let n = 0;
    const { document, nodeIds } = remapFlowIds(base, () => String(++n).padStart(8, '0'));
    expect(document.nodes.map((node) => node.id)).toEqual(['start-00000001', 'menu-00000002', 'bye-00000003']);
    expect(document.entry).toBe('start-00000001');
    expect(document.settings.maxStepsNode).toBe('bye-00000003');
    expect(document.edges).toEqual([
      { id: 'e-00000004', source: 'start-00000001', sourceOutput: 'next', target: 'menu-00000002' },
      { id: 'e-00000005', source: 'menu-00000002', sourceOutput: '1', target: 'bye-00000003' },
    ]);
    expect(nodeIds.get('menu')).toBe('menu-00000002');
    // The original is untouched and the configs are copies.
    expect(base.nodes[0].id).toBe('start');
    expect(document.nodes[0].config).not.toBe(base.nodes[0].config);
    expect(document.nodes[0].config).toEqual(base.nodes[0].config);
  });
});
