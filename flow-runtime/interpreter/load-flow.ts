// Loading a flow for the runtime: validate (an invalid flow never runs), fill schema
// defaults, and index nodes, outputs and edges for constant-time lookups during calls.
import {
  applyFlowDefaults,
  flowSchema,
  resolveTakenOutput,
  stepOutputs,
  validateFlow,
  type FlowDocument,
  type FlowNode,
  type Language,
  type ReferenceSets,
  type StepOutput,
} from '@/schemas';
import { InvalidFlowError } from './errors';

export interface LoadedFlow {
  /** Id of the flow (redirect targets name flows by id); the document's name when not given. */
  id: string;
  doc: FlowDocument;
  entry: string;
  language: Language;
  maxSteps: number;
  maxStepsNode: string | null;
  nodes: ReadonlyMap<string, FlowNode>;
  outputs: ReadonlyMap<string, StepOutput[]>;
  /** `${source}\n${output}` → target node id. */
  edges: ReadonlyMap<string, string>;
}

export interface LoadFlowOptions {
  flowId?: string;
  /** Organisation ids: when given, references to missing objects make the flow invalid. */
  references?: ReferenceSets;
}

const settingsSchema = (flowSchema as { $defs?: Record<string, { properties?: Record<string, { default?: unknown }> }> }).$defs?.settings;
const DEFAULT_MAX_STEPS = Number(settingsSchema?.properties?.maxSteps?.default ?? 1000);

/**
 * Validates `doc` with validateFlow() and returns it indexed, with defaults applied.
 * Throws InvalidFlowError (code flow.invalid, with the problems) when it has an error.
 */
export function loadFlow(doc: unknown, options: LoadFlowOptions = {}): LoadedFlow {
  const result = validateFlow(doc, { references: options.references });
  if (!result.ok) throw new InvalidFlowError(result.problems.filter((p) => p.severity === 'error'));
  return indexFlow(applyFlowDefaults(doc as FlowDocument), options.flowId);
}

/** Indexes an already validated flow (defaults applied). */
export function indexFlow(doc: FlowDocument, flowId?: string): LoadedFlow {
  const nodes = new Map<string, FlowNode>();
  const outputs = new Map<string, StepOutput[]>();
  for (const node of doc.nodes) {
    nodes.set(node.id, node);
    outputs.set(node.id, stepOutputs(node));
  }
  const edges = new Map<string, string>();
  for (const edge of doc.edges) edges.set(`${edge.source}\n${edge.sourceOutput}`, edge.target);
  return {
    id: flowId ?? doc.name,
    doc,
    entry: doc.entry,
    language: doc.language ?? 'fr',
    maxSteps: doc.settings?.maxSteps ?? DEFAULT_MAX_STEPS,
    maxStepsNode: doc.settings?.maxStepsNode ?? null,
    nodes,
    outputs,
    edges,
  };
}

/** The output actually followed (fallbacks applied) and its target, or null target when nothing is connected. */
export function followOutput(flow: LoadedFlow, nodeId: string, outputId: string): { output: string; target: string | null } {
  const outputs = flow.outputs.get(nodeId) ?? [];
  const taken = resolveTakenOutput(outputs, outputId, (id) => flow.edges.has(`${nodeId}\n${id}`));
  if (taken === null) return { output: outputId, target: null };
  return { output: taken, target: flow.edges.get(`${nodeId}\n${taken}`) ?? null };
}
