// Automatic layout with elkjs (layered, left → right), one port per output so edges leave a
// node in the order its handles are drawn. Returns new positions; the caller applies them.
// Steps not connected to each other (lone steps, separate groups) are laid out as separate
// components, packed apart with the same spacing, so no box lands on another.
import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkNode } from 'elkjs/lib/elk-api';
import { stepOutputs } from '@/schemas';
import { nodeRect } from './placement';
import type { EditorEdge, EditorNode } from './types';

let elk: InstanceType<typeof ELK> | undefined;

export async function layoutGraph(nodes: readonly EditorNode[], edges: readonly EditorEdge[]): Promise<Map<string, { x: number; y: number }>> {
  elk ??= new ELK();
  const ids = new Set(nodes.map((n) => n.id));
  const graph: ElkNode = {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.layered.spacing.nodeNodeBetweenLayers': '90',
      'elk.spacing.nodeNode': '40',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
      'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
      'elk.separateConnectedComponents': 'true',
      'elk.spacing.componentComponent': '60',
    },
    children: nodes.map((n) => {
      const { width, height } = nodeRect(n);
      const outputs = stepOutputs({ type: n.type, config: n.data.config });
      return {
        id: n.id,
        width,
        height,
        layoutOptions: { 'elk.portConstraints': 'FIXED_ORDER' },
        ports: [
          { id: `${n.id}::in`, layoutOptions: { 'elk.port.side': 'WEST' } },
          ...outputs.map((o, i) => ({ id: `${n.id}::out::${o.id}`, layoutOptions: { 'elk.port.side': 'EAST', 'elk.port.index': String(outputs.length - i) } })),
        ],
      };
    }),
    edges: edges
      .filter((e) => ids.has(e.source) && ids.has(e.target))
      .map((e) => ({ id: e.id, sources: [`${e.source}::out::${e.sourceHandle}`], targets: [`${e.target}::in`] })),
  };
  const result = await elk.layout(graph);
  return new Map((result.children ?? []).map((c) => [c.id, { x: Math.round(c.x ?? 0), y: Math.round(c.y ?? 0) }]));
}
