// Copy and paste of a selection as JSON text, so it travels through the system clipboard and
// pastes into another flow (or another browser tab). Pasted nodes get fresh ids; only edges
// between copied nodes come along.
import { isStepType, type FlowDocument } from '@/schemas';
import { nextId } from './ids';
import type { EditorEdge, EditorNode } from './types';

export const CLIPBOARD_KIND = 'relais/flow-selection';

export interface ClipboardPayload {
  kind: typeof CLIPBOARD_KIND;
  version: 1;
  nodes: { id: string; type: string; position: { x: number; y: number }; label?: string; config: Record<string, unknown> }[];
  edges: { source: string; sourceOutput: string; target: string }[];
}

export function copySelection(nodes: readonly EditorNode[], edges: readonly EditorEdge[], selectedIds: ReadonlySet<string>): string | null {
  const picked = nodes.filter((n) => selectedIds.has(n.id));
  if (picked.length === 0) return null;
  const payload: ClipboardPayload = {
    kind: CLIPBOARD_KIND,
    version: 1,
    nodes: picked.map((n) => ({
      id: n.id,
      type: n.type,
      position: { ...n.position },
      ...(n.data.label !== undefined ? { label: n.data.label } : {}),
      config: structuredClone(n.data.config),
    })),
    edges: edges
      .filter((e) => selectedIds.has(e.source) && selectedIds.has(e.target))
      .map((e) => ({ source: e.source, sourceOutput: e.sourceHandle, target: e.target })),
  };
  return JSON.stringify(payload);
}

/** Parses clipboard text; null when it is not a copied selection. */
export function readClipboard(text: string): ClipboardPayload | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  const payload = value as Partial<ClipboardPayload> | null;
  if (!payload || payload.kind !== CLIPBOARD_KIND || !Array.isArray(payload.nodes) || !Array.isArray(payload.edges)) return null;
  return payload as ClipboardPayload;
}

/**
 * Nodes and edges to add for a paste: fresh ids, positions shifted by `offset` (or so the
 * group's top-left lands on `at`), selected so they can be moved together at once.
 */
export function pasteSelection(
  payload: ClipboardPayload,
  existingNodes: readonly EditorNode[],
  existingEdges: readonly EditorEdge[],
  placement: { offset: { x: number; y: number } } | { at: { x: number; y: number } },
): { nodes: EditorNode[]; edges: EditorEdge[] } {
  const takenNodeIds = new Set(existingNodes.map((n) => n.id));
  const takenEdgeIds = new Set(existingEdges.map((e) => e.id));
  const valid = payload.nodes.filter((n) => isStepType(n.type) && n.position && typeof n.position.x === 'number');
  const minX = Math.min(...valid.map((n) => n.position.x));
  const minY = Math.min(...valid.map((n) => n.position.y));
  const shift = 'offset' in placement ? placement.offset : { x: placement.at.x - minX, y: placement.at.y - minY };
  const idMap = new Map<string, string>();
  const nodes: EditorNode[] = valid.map((n) => {
    const id = nextId(n.type, takenNodeIds);
    idMap.set(n.id, id);
    return {
      id,
      type: n.type as EditorNode['type'],
      position: { x: n.position.x + shift.x, y: n.position.y + shift.y },
      data: { ...(n.label !== undefined ? { label: n.label } : {}), config: structuredClone(n.config ?? {}) },
      selected: true,
    };
  });
  const edges: EditorEdge[] = payload.edges
    .filter((e) => idMap.has(e.source) && idMap.has(e.target))
    .map((e) => ({ id: nextId('e', takenEdgeIds), source: idMap.get(e.source)!, sourceHandle: e.sourceOutput, target: idMap.get(e.target)! }));
  return { nodes, edges };
}

/** A whole document as a selection to paste (a template added beside the current steps). */
export function documentToClipboard(document: FlowDocument): ClipboardPayload {
  return {
    kind: CLIPBOARD_KIND,
    version: 1,
    nodes: document.nodes.map((n) => ({ id: n.id, type: n.type, position: { ...n.position }, ...(n.label !== undefined ? { label: n.label } : {}), config: structuredClone(n.config ?? {}) as Record<string, unknown> })),
    edges: document.edges.map((e) => ({ source: e.source, sourceOutput: e.sourceOutput, target: e.target })),
  };
}
