// A copy of a flow document with fresh node and edge ids, for duplicating a flow: every
// place a node id appears (edges' source and target, entry, settings.maxStepsNode) follows
// the new ids. References to organisation objects (sounds, groups, calendars…) are kept.
import { randomBytes } from 'node:crypto';

type AnyNode = { id: string; [k: string]: unknown };
type AnyEdge = { id: string; source: string; target: string; [k: string]: unknown };
type AnyDocument = { entry?: string; nodes?: AnyNode[]; edges?: AnyEdge[]; settings?: { maxStepsNode?: string; [k: string]: unknown }; [k: string]: unknown };

/** `random` is injectable so tests can make ids deterministic. */
export function remapFlowIds<T>(document: T, random: () => string = () => randomBytes(4).toString('hex')): { document: T; nodeIds: Map<string, string> } {
  const source = structuredClone(document) as AnyDocument;
  const nodeIds = new Map<string, string>();
  const taken = new Set<string>();
  const fresh = (base: string, max: number) => {
    let id: string;
    do id = `${base.slice(0, max - 9)}-${random()}`;
    while (taken.has(id));
    taken.add(id);
    return id;
  };
  for (const node of source.nodes ?? []) nodeIds.set(node.id, fresh(node.id.replace(/-[0-9a-f]{8}$/, ''), 64));
  const mapNode = (id: string) => nodeIds.get(id) ?? id;
  const copy: AnyDocument = {
    ...source,
    ...(source.entry !== undefined ? { entry: mapNode(source.entry) } : {}),
    ...(source.settings?.maxStepsNode !== undefined ? { settings: { ...source.settings, maxStepsNode: mapNode(source.settings.maxStepsNode) } } : {}),
    nodes: (source.nodes ?? []).map((node) => ({ ...node, id: mapNode(node.id) })),
    edges: (source.edges ?? []).map((edge) => ({ ...edge, id: fresh('e', 128), source: mapNode(edge.source), target: mapNode(edge.target) })),
  };
  return { document: copy as T, nodeIds };
}
