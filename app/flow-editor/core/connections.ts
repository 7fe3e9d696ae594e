// Connection rules of the canvas: an edge goes from a node's output to another step; an output
// takes one edge, so a new connection from an output replaces the one it had.
import { stepOutputs } from '@/schemas';
import { nextId } from './ids';
import type { EditorEdge, EditorNode } from './types';

export interface ConnectionRequest {
  source: string | null;
  sourceHandle?: string | null;
  target: string | null;
}

/** Whether `request` is a valid output → step connection between existing nodes. */
export function canConnect(nodes: readonly EditorNode[], request: ConnectionRequest): boolean {
  const { source, sourceHandle, target } = request;
  if (!source || !target || !sourceHandle) return false;
  const from = nodes.find((n) => n.id === source);
  if (!from || !nodes.some((n) => n.id === target)) return false;
  return stepOutputs({ type: from.type, config: from.data.config }).some((o) => o.id === sourceHandle);
}

/** The edges after connecting `request` (which must pass canConnect): the output's old edge is replaced. */
export function connect(edges: readonly EditorEdge[], request: Required<ConnectionRequest>): EditorEdge[] {
  const kept = edges.filter((e) => !(e.source === request.source && e.sourceHandle === request.sourceHandle));
  const id = nextId('e', new Set(edges.map((e) => e.id)));
  return [...kept, { id, source: request.source!, sourceHandle: request.sourceHandle!, target: request.target! }];
}

/** Drops edges whose output disappeared (e.g. a menu key was removed) or whose nodes are gone. */
export function pruneEdges(nodes: readonly EditorNode[], edges: readonly EditorEdge[]): EditorEdge[] {
  const outputs = new Map(nodes.map((n) => [n.id, new Set(stepOutputs({ type: n.type, config: n.data.config }).map((o) => o.id))]));
  const next = edges.filter((e) => outputs.get(e.source)?.has(e.sourceHandle) && outputs.has(e.target));
  return next.length === edges.length ? (edges as EditorEdge[]) : next;
}
