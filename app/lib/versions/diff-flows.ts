// The difference between two flow documents, by node and edge id. Pure: no I/O, no React,
// so the API (GET /api/flows/:id/diff), the versions page and tests all share it.
//
// 1. Index both documents' nodes and edges by id.
// 2. Ids only in `to` are added, ids only in `from` are removed.
// 3. For a node in both, compare everything but `position` leaf by leaf: each difference is
//    one change `{ path, before, after }`, `path` a JSON pointer inside the node
//    (`/config/prompt/text/fr`, `/label`, `/type`). Arrays are compared item by item.
// 4. A node whose only difference is its position is listed in `moved`, never in `changed`:
//    dragging a box around is not a change in what the caller hears.
// 5. An edge is identified by its id; an edge whose source, output or target changed is
//    reported as removed + added (it is a different connection).
import type { FlowDocument } from '@/schemas';

export interface DiffNode {
  id: string;
  type: string;
  label: string;
}

export interface DiffEdge {
  id: string;
  source: string;
  sourceOutput: string;
  target: string;
}

export interface FieldChange {
  /** JSON pointer inside the node, e.g. `/config/prompt/text/fr`. */
  path: string;
  /** `undefined` (absent from JSON) when the field did not exist before. */
  before?: unknown;
  after?: unknown;
}

export interface FlowDiff {
  nodes: {
    added: DiffNode[];
    removed: DiffNode[];
    changed: (DiffNode & { changes: FieldChange[] })[];
    /** Moved on the canvas only (not counted as changes). */
    moved: (DiffNode & { from: { x: number; y: number }; to: { x: number; y: number } })[];
  };
  edges: { added: DiffEdge[]; removed: DiffEdge[] };
  /** Changes outside nodes and edges (entry, name, settings…), paths from the document root. */
  document: FieldChange[];
}

type AnyNode = { id: string; type: string; label?: string; position?: { x: number; y: number }; [k: string]: unknown };
type AnyEdge = { id: string; source: string; sourceOutput: string; target: string; [k: string]: unknown };
type AnyDocument = { nodes?: AnyNode[]; edges?: AnyEdge[]; [k: string]: unknown };

export function diffFlows(from: FlowDocument | AnyDocument, to: FlowDocument | AnyDocument): FlowDiff {
  const a = from as AnyDocument;
  const b = to as AnyDocument;
  const nodesA = byId(a.nodes ?? []);
  const nodesB = byId(b.nodes ?? []);
  const edgesA = byId(a.edges ?? []);
  const edgesB = byId(b.edges ?? []);

  const diff: FlowDiff = { nodes: { added: [], removed: [], changed: [], moved: [] }, edges: { added: [], removed: [] }, document: [] };

  for (const [id, node] of nodesB) if (!nodesA.has(id)) diff.nodes.added.push(describeNode(node));
  for (const [id, node] of nodesA) {
    const after = nodesB.get(id);
    if (!after) {
      diff.nodes.removed.push(describeNode(node));
      continue;
    }
    const { position: posBefore, ...restBefore } = node;
    const { position: posAfter, ...restAfter } = after;
    const changes = compareValues(restBefore, restAfter, '');
    if (changes.length > 0) diff.nodes.changed.push({ ...describeNode(after), changes });
    else if (!isEqual(posBefore, posAfter)) {
      diff.nodes.moved.push({ ...describeNode(after), from: posBefore ?? { x: 0, y: 0 }, to: posAfter ?? { x: 0, y: 0 } });
    }
  }

  for (const [id, edge] of edgesB) {
    const before = edgesA.get(id);
    if (!before) diff.edges.added.push(describeEdge(edge));
    else if (!isEqual(before, edge)) {
      diff.edges.removed.push(describeEdge(before));
      diff.edges.added.push(describeEdge(edge));
    }
  }
  for (const [id, edge] of edgesA) if (!edgesB.has(id)) diff.edges.removed.push(describeEdge(edge));

  const { nodes: _na, edges: _ea, ...docA } = a;
  const { nodes: _nb, edges: _eb, ...docB } = b;
  diff.document = compareValues(docA, docB, '');
  return diff;
}

/** True when the diff contains nothing the caller would notice (moves do not count). */
export function isEmptyDiff(diff: FlowDiff): boolean {
  return (
    diff.nodes.added.length + diff.nodes.removed.length + diff.nodes.changed.length + diff.edges.added.length + diff.edges.removed.length + diff.document.length ===
    0
  );
}

function byId<T extends { id: string }>(items: T[]): Map<string, T> {
  return new Map(items.map((item) => [item.id, item]));
}

function describeNode(node: AnyNode): DiffNode {
  return { id: node.id, type: node.type, label: node.label ?? node.id };
}

function describeEdge(edge: AnyEdge): DiffEdge {
  return { id: edge.id, source: edge.source, sourceOutput: edge.sourceOutput, target: edge.target };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function segment(key: string | number): string {
  return '/' + String(key).replace(/~/g, '~0').replace(/\//g, '~1');
}

/**
 * Leaf-level differences between two JSON values, as JSON pointers below `path`. Recursive:
 * stored documents nest at most MAX_JSON_DEPTH (64) levels, the API's reader refuses deeper.
 */
function compareValues(before: unknown, after: unknown, path: string): FieldChange[] {
  if (isEqual(before, after)) return [];
  if (isPlainObject(before) && isPlainObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((key) => compareValues(before[key], after[key], path + segment(key)));
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const length = Math.max(before.length, after.length);
    const changes: FieldChange[] = [];
    for (let i = 0; i < length; i++) changes.push(...compareValues(before[i], after[i], path + segment(i)));
    return changes;
  }
  return [{ path: path || '/', ...(before !== undefined ? { before } : {}), ...(after !== undefined ? { after } : {}) }];
}

function isEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => isEqual(v, b[i]));
  if (isPlainObject(a) && isPlainObject(b)) {
    const keysA = Object.keys(a).filter((k) => a[k] !== undefined);
    const keysB = Object.keys(b).filter((k) => b[k] !== undefined);
    return keysA.length === keysB.length && keysA.every((k) => isEqual(a[k], b[k]));
  }
  return false;
}
