// A tolerant view of a flow document for the rule modules: they run even when the schema
// check failed, so they read fields defensively.
import { stepOutputs, type StepOutput } from './step-outputs';

export interface NodeView {
  index: number;
  id: string | undefined;
  type: unknown;
  config: unknown;
  outputs: StepOutput[];
}

export interface EdgeView {
  index: number;
  id: string | undefined;
  source: unknown;
  sourceOutput: unknown;
  target: unknown;
}

export interface FlowView {
  entry: unknown;
  settings: Record<string, unknown> | undefined;
  nodes: NodeView[];
  edges: EdgeView[];
}

const asString = (v: unknown) => (typeof v === 'string' ? v : undefined);
const asRecord = (v: unknown) => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined);

export function viewFlow(doc: Record<string, unknown>): FlowView {
  const nodes = (Array.isArray(doc.nodes) ? doc.nodes : []).map((raw, index): NodeView => {
    const node = asRecord(raw) ?? {};
    return { index, id: asString(node.id), type: node.type, config: node.config, outputs: stepOutputs({ type: node.type, config: node.config }) };
  });
  const edges = (Array.isArray(doc.edges) ? doc.edges : []).map((raw, index): EdgeView => {
    const edge = asRecord(raw) ?? {};
    return { index, id: asString(edge.id), source: edge.source, sourceOutput: edge.sourceOutput, target: edge.target };
  });
  return { entry: doc.entry, settings: asRecord(doc.settings), nodes, edges };
}
