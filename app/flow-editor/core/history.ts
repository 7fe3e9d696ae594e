// Undo/redo as a pair of snapshot stacks. A snapshot is the graph as the document sees it
// (no selection or sizes), so undo never resurrects UI state. Pure: every function returns
// a new History.
import type { EditorGraph } from './types';

export interface History {
  past: EditorGraph[];
  future: EditorGraph[];
  /** Key of the last recorded change; a change with the same key within `coalesceMs` is merged (typing in a field). */
  lastKey?: string;
  lastAt?: number;
}

export const HISTORY_LIMIT = 100;

export const emptyHistory = (): History => ({ past: [], future: [] });

/** Records `before` (the graph before a change). Consecutive changes with one key within coalesceMs make one step. */
export function record(history: History, before: EditorGraph, options: { key?: string; now?: number; coalesceMs?: number } = {}): History {
  const now = options.now ?? Date.now();
  if (options.key !== undefined && options.key === history.lastKey && history.lastAt !== undefined && now - history.lastAt < (options.coalesceMs ?? 1000)) {
    return { ...history, future: [], lastAt: now };
  }
  const past = [...history.past, before];
  if (past.length > HISTORY_LIMIT) past.shift();
  return { past, future: [], lastKey: options.key, lastAt: now };
}

export function undo(history: History, current: EditorGraph): { history: History; graph: EditorGraph } | null {
  const previous = history.past.at(-1);
  if (!previous) return null;
  return { history: { past: history.past.slice(0, -1), future: [current, ...history.future] }, graph: previous };
}

export function redo(history: History, current: EditorGraph): { history: History; graph: EditorGraph } | null {
  const [next, ...rest] = history.future;
  if (!next) return null;
  return { history: { past: [...history.past, current], future: rest }, graph: next };
}

/** The part of a graph worth keeping in history (drops selection, sizes, dragging flags). */
export function snapshot(graph: EditorGraph): EditorGraph {
  return {
    meta: graph.meta,
    nodes: graph.nodes.map(({ id, type, position, data }) => ({ id, type, position, data })),
    edges: graph.edges.map(({ id, source, sourceHandle, target }) => ({ id, source, sourceHandle, target })),
  };
}
