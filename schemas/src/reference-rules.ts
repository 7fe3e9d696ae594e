// Organisation references of a flow (sounds, groups, calendars, numbers, flows, agents,
// forbidden-destination lists): listing them, and checking they exist.
import type { FlowView } from './flow-view';
import { viewFlow } from './flow-view';
import { pointer, type Problem } from './problems';
import { REFERENCE_KINDS, forEachValueAt, type ReferenceKind } from './schema-walk';
import { STEP_METADATA } from './step-metadata';
import { isStepType } from './step-types';

export type { ReferenceKind };
export { REFERENCE_KINDS };

/** Ids the organisation has, per kind; a kind left out is not checked. */
export type ReferenceSets = Partial<Record<ReferenceKind, Iterable<string>>>;

const KIND_NAMES: Record<ReferenceKind, string> = {
  sounds: 'Sound',
  groups: 'Queue group',
  calendars: 'Calendar',
  numbers: 'Phone number',
  flows: 'Flow',
  agents: 'Agent',
  forbiddenLists: 'Forbidden-destination list',
};

export interface FoundReference {
  kind: ReferenceKind;
  id: string;
  path: string;
  nodeId?: string;
}

function forEachReference(flow: FlowView, visit: (ref: FoundReference) => void): void {
  for (const node of flow.nodes) {
    if (!isStepType(node.type)) continue;
    const configPath = pointer('nodes', node.index, 'config');
    for (const { path, kind } of STEP_METADATA[node.type].fields.references) {
      forEachValueAt(node.config, path, (value, at) => {
        if (typeof value === 'string') visit({ kind, id: value, path: configPath + at, nodeId: node.id });
      });
    }
  }
}

/** Every reference of a flow, one per field holding an id, with the node it sits in (usage lists). */
export function findFlowReferences(flow: unknown): FoundReference[] {
  const found: FoundReference[] = [];
  if (flow !== null && typeof flow === 'object' && !Array.isArray(flow)) {
    forEachReference(viewFlow(flow as Record<string, unknown>), (ref) => found.push(ref));
  }
  return found;
}

/** Every organisation id a flow refers to, by kind (the API loads exactly these to validate). */
export function listFlowReferences(flow: unknown): Record<ReferenceKind, string[]> {
  const sets = Object.fromEntries(REFERENCE_KINDS.map((k) => [k, new Set<string>()])) as Record<ReferenceKind, Set<string>>;
  if (flow !== null && typeof flow === 'object' && !Array.isArray(flow)) {
    forEachReference(viewFlow(flow as Record<string, unknown>), ({ kind, id }) => sets[kind].add(id));
  }
  return Object.fromEntries(REFERENCE_KINDS.map((k) => [k, [...sets[k]].sort()])) as Record<ReferenceKind, string[]>;
}

export function checkReferences(flow: FlowView, references: ReferenceSets): Problem[] {
  const known = new Map<ReferenceKind, Set<string>>();
  for (const kind of REFERENCE_KINDS) {
    const ids = references[kind];
    if (ids !== undefined) known.set(kind, ids instanceof Set ? (ids as Set<string>) : new Set(ids));
  }
  const problems: Problem[] = [];
  forEachReference(flow, ({ kind, id, path, nodeId }) => {
    const ids = known.get(kind);
    if (!ids || ids.has(id)) return;
    problems.push({ severity: 'error', code: 'reference.missing', path, ...(nodeId !== undefined ? { nodeId } : {}),
      params: { kind, id },
      message: `${KIND_NAMES[kind]} "${id}" does not exist in this organisation; choose an existing one.` });
  });
  return problems;
}
