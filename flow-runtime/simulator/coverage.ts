// Coverage of a flow by simulated calls: the nodes they entered and the connected outputs
// (edges) they took, out of the flow's nodes and connected outputs.
import type { LoadedFlow } from '../interpreter';
import type { CaseRun, Coverage, SimulationResult } from './types';

interface FlowShape {
  nodes: readonly { id: string }[];
  edges: readonly { source: string; sourceOutput: string }[];
}

function shapeOf(flow: FlowShape | LoadedFlow): FlowShape {
  return 'doc' in flow && flow.doc ? (flow.doc as FlowShape) : (flow as FlowShape);
}

/** `${nodeId}:${output}` of every connected output, in document order, without repeats. */
export function connectedOutputs(flow: FlowShape | LoadedFlow): string[] {
  const keys = new Set<string>();
  for (const edge of shapeOf(flow).edges ?? []) keys.add(`${edge.source}:${edge.sourceOutput}`);
  return [...keys];
}

export function coverage(flow: FlowShape | LoadedFlow, runs: readonly (CaseRun | SimulationResult)[]): Coverage {
  const shape = shapeOf(flow);
  const visited = new Set<string>();
  const taken = new Set<string>();
  for (const run of runs) {
    const result = 'result' in run ? run.result : run;
    for (const id of result.visited) visited.add(id);
    for (const key of result.outputsTaken) taken.add(key);
  }
  const nodeIds = (shape.nodes ?? []).map((n) => n.id);
  const outputs = connectedOutputs(shape);
  const ids = nodeIds.filter((id) => visited.has(id));
  const keys = outputs.filter((key) => taken.has(key));
  const total = nodeIds.length + outputs.length;
  return {
    nodes: { covered: ids.length, total: nodeIds.length, ids },
    outputs: { covered: keys.length, total: outputs.length, keys },
    percent: total === 0 ? 0 : Math.round((100 * (ids.length + keys.length)) / total),
  };
}
