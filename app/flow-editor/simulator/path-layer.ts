// A simulated call's path as the canvas overlay's `simulation` layer: the node the call is in
// (or ended at) is `current`, the others it entered are `visited` with their visit numbers
// (1-based, repeats included), and every output it left by is `taken`. Pure.
import type { SimulationResult } from '@/flow-runtime/simulator/types';
import type { OverlayLayer } from '../overlay/store';

export function simulationLayer(result: Pick<SimulationResult, 'visited' | 'outputsTaken' | 'currentNodeId'>): OverlayLayer {
  const layer: Required<OverlayLayer> = { nodes: {}, edges: {}, order: {} };
  result.visited.forEach((nodeId, i) => {
    layer.nodes[nodeId] = 'visited';
    (layer.order[nodeId] ??= []).push(i + 1);
  });
  if (result.currentNodeId) layer.nodes[result.currentNodeId] = 'current';
  for (const key of result.outputsTaken) layer.edges[key] = 'taken';
  return layer;
}

/** Visit numbers as drawn on a step: all of them, or the first ones … the last when there are many (a loop). */
export function visitsLabel(visits: readonly number[], max = 4): string {
  if (visits.length <= max) return visits.join(' · ');
  return `${visits.slice(0, max - 1).join(' · ')} … ${visits[visits.length - 1]}`;
}
