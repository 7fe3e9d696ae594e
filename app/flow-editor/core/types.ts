// The editor's in-memory model: React Flow nodes and edges whose data is the step config,
// plus the flow metadata that is not drawn (name, entry, settings…). Pure types, no React.
import type { Problem, StepType } from '@/schemas';
import type { FlowTestCase } from '@/flow-runtime/simulator/types';

/** Data of one canvas node: what the flow document stores for it, minus id/type/position. */
export interface StepNodeData {
  [key: string]: unknown;
  label?: string;
  config: Record<string, unknown>;
}

/** A canvas node. `type` is the step type id (also the React Flow node type). */
export interface EditorNode {
  id: string;
  type: StepType;
  position: { x: number; y: number };
  data: StepNodeData;
  selected?: boolean;
  dragging?: boolean;
  measured?: { width?: number; height?: number };
  width?: number;
  height?: number;
}

/** A canvas edge: `sourceHandle` is the source node's output id. */
export interface EditorEdge {
  id: string;
  source: string;
  sourceHandle: string;
  target: string;
  selected?: boolean;
  className?: string;
}

/** Flow document fields other than nodes and edges. */
export interface FlowMeta {
  schemaVersion: 1;
  name: string;
  description?: string;
  language?: 'fr' | 'en';
  entry: string;
  settings?: { maxSteps?: number; maxStepsNode?: string };
  /** Saved test cases (issue 17): a document field, so it is saved, exported, undone like the rest. */
  tests?: FlowTestCase[];
}

export interface EditorGraph {
  meta: FlowMeta;
  nodes: EditorNode[];
  edges: EditorEdge[];
}

export type EditorLanguage = 'fr' | 'en';

/** Problems grouped by what the canvas draws them on. */
export interface ProblemIndex {
  byNode: Map<string, Problem[]>;
  byEdge: Map<string, Problem[]>;
  /** Key `${nodeId}\u0000${outputId}`: problems about one output handle. */
  byOutput: Map<string, Problem[]>;
  /** Problems attached to neither (e.g. a missing entry). */
  general: Problem[];
  errorCount: number;
  warningCount: number;
}
