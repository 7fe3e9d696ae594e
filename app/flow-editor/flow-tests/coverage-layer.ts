// The saved test cases' coverage as a canvas overlay layer (app/flow-editor/overlay/store.ts):
// each step reached by a case is `covered`, the others `uncovered`; each connected output
// (`${nodeId}:${output}`, one edge) taken by a case is `covered`, the others `uncovered`.
// Pure: the document and the Coverage figure in, the layer out.
import type { Coverage } from '@/flow-runtime/simulator/types';
import type { OverlayLayer } from '../overlay/store';

interface DocumentShape {
  nodes: readonly { id: string }[];
  edges: readonly { source: string; sourceOutput: string }[];
}

export function coverageLayer(document: DocumentShape, coverage: Pick<Coverage, 'nodes' | 'outputs'>): OverlayLayer {
  const nodesReached = new Set(coverage.nodes.ids);
  const outputsTaken = new Set(coverage.outputs.keys);
  const layer: OverlayLayer = { nodes: {}, edges: {} };
  for (const node of document.nodes) layer.nodes[node.id] = nodesReached.has(node.id) ? 'covered' : 'uncovered';
  for (const edge of document.edges) {
    const key = `${edge.source}:${edge.sourceOutput}`;
    layer.edges[key] = outputsTaken.has(key) ? 'covered' : 'uncovered';
  }
  return layer;
}
