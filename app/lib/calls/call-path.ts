// A call's path on its flow: which nodes it entered and which outputs (edges) it left by, with
// the times, from the recorded events. Pure: no React, no I/O (the call page draws the result).
//   1. every node-entered event marks its node visited, at that time (a loop visits it again);
//   2. every output-taken event marks the edge leaving that node by that output, at that time;
//   3. events about nodes the document does not have (another flow after a jump) are skipped.
export interface PathDocument {
  nodes: { id: string }[];
  edges: { id: string; source: string; sourceOutput: string; target: string }[];
}

export interface PathEvent {
  at: Date | string;
  kind: string;
  nodeId: string | null;
  output: string | null;
}

export interface CallPath {
  /** Node id → when the call entered it (several times in a loop), and its place(s) in the order of visits (1, 2, …). */
  nodes: Map<string, { at: Date[]; order: number[] }>;
  /** Edge id → when the call went along it. */
  edges: Map<string, { at: Date[]; output: string }>;
}

export function callPathOnFlow(document: PathDocument, events: readonly PathEvent[]): CallPath {
  const known = new Set(document.nodes.map((n) => n.id));
  const edgeOf = new Map(document.edges.map((e) => [`${e.source}\u0000${e.sourceOutput}`, e]));
  const nodes: CallPath['nodes'] = new Map();
  const edges: CallPath['edges'] = new Map();
  let order = 0;
  for (const event of events) {
    if (!event.nodeId || !known.has(event.nodeId)) continue;
    const at = new Date(event.at);
    if (event.kind === 'node-entered') {
      const visit = nodes.get(event.nodeId) ?? { at: [], order: [] };
      visit.at.push(at);
      visit.order.push(++order);
      nodes.set(event.nodeId, visit);
    } else if (event.kind === 'output-taken' && event.output) {
      const edge = edgeOf.get(`${event.nodeId}\u0000${event.output}`);
      if (!edge) continue;
      const taken = edges.get(edge.id) ?? { at: [], output: event.output };
      taken.at.push(at);
      edges.set(edge.id, taken);
    }
  }
  return { nodes, edges };
}
