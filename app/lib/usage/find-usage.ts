// Finds every flow version (draft, live, canary, previous) that names one organisation object, from the
// schemas' `x-reference` fields (findFlowReferences): no field path is written here. PostgreSQL
// narrows the versions to those whose document contains the id as a JSON string; the schemas
// then say whether it sits in a reference field of the right kind (an id in a TTS text is not a use).
import { findFlowReferences } from '@/schemas';
import type { Db } from '@/app/lib/db/transaction';
import type { FlowVersionUse, ResourceUsage, UsageKind, UsingStep, VersionState } from './usage-types';

interface CandidateRow {
  id: string;
  flowId: string;
  flowName: string;
  status: 'draft' | 'published' | 'canary';
  number: number | null;
  document: unknown;
}

const STATE_ORDER: Record<VersionState, number> = { draft: 0, live: 1, canary: 2, previous: 3 };

/** The usage of `id` (of `kind`) in the organisation. Does not check that the object exists. */
export async function findUsage(db: Db, organizationId: string, kind: UsageKind, id: string): Promise<ResourceUsage> {
  const [flows, routesTo, numbers, groups] = await Promise.all([
    findFlowUses(db, organizationId, kind, id),
    kind === 'numbers' ? numberRoute(db, organizationId, id) : null,
    kind === 'flows' ? db.phoneNumber.findMany({ where: { organizationId, flowId: id }, select: { id: true, e164: true, label: true }, orderBy: { e164: 'asc' } }) : [],
    kind === 'agents'
      ? db.groupMember.findMany({ where: { agentId: id, group: { organizationId } }, select: { group: { select: { id: true, name: true } } } }).then((rows) => rows.map((r) => r.group).sort((a, b) => a.name.localeCompare(b.name)))
      : [],
  ]);
  // a flow redirecting to itself does not keep itself; numbers routed to a flow keep it (deleteFlow)
  const blocking = flows.some((f) => f.state !== 'previous' && !(kind === 'flows' && f.flowId === id)) || numbers.length > 0;
  return { kind, id, flows, blocking, routesTo, numbers, groups };
}

async function findFlowUses(db: Db, organizationId: string, kind: UsageKind, id: string): Promise<FlowVersionUse[]> {
  const needle = JSON.stringify(id);
  const rows = await db.$queryRaw<CandidateRow[]>`
    SELECT v.id, v."flowId", f.name AS "flowName", v.status::text AS status, v.number, v.document
      FROM "FlowVersion" v JOIN "Flow" f ON f.id = v."flowId"
     WHERE v."organizationId" = ${organizationId} AND f."deletedAt" IS NULL
       AND strpos(v.document::text, ${needle}) > 0`;
  if (rows.length === 0) return [];
  const flowIds = [...new Set(rows.map((r) => r.flowId))];
  const [latest, canaries] = await Promise.all([latestPublished(db, flowIds), runningCanaries(db, flowIds)]);
  const uses: FlowVersionUse[] = [];
  for (const row of rows) {
    const steps = stepsNaming(row.document, kind, id);
    if (steps.length === 0) continue;
    const state: VersionState =
      row.status === 'draft' ? 'draft' : row.status === 'published' && row.number === latest.get(row.flowId) ? 'live' : canaries.has(row.id) ? 'canary' : 'previous';
    uses.push({ flowId: row.flowId, flowName: row.flowName, version: row.status === 'draft' ? null : row.number, state, steps });
  }
  return uses.sort((a, b) => STATE_ORDER[a.state] - STATE_ORDER[b.state] || a.flowName.localeCompare(b.flowName) || (b.version ?? 0) - (a.version ?? 0));
}

/** Flow id → number of its latest published version. */
async function latestPublished(db: Db, flowIds: string[]): Promise<Map<string, number>> {
  const rows = await db.flowVersion.groupBy({ by: ['flowId'], where: { flowId: { in: flowIds }, status: 'published' }, _max: { number: true } });
  return new Map(rows.filter((r) => r._max.number !== null).map((r) => [r.flowId, r._max.number as number]));
}

/** Ids of the versions that running canaries give new calls to (a stopped canary has no row). */
async function runningCanaries(db: Db, flowIds: string[]): Promise<Set<string>> {
  const rows = await db.flowCanary.findMany({ where: { flowId: { in: flowIds } }, select: { versionId: true } });
  return new Set(rows.map((r) => r.versionId));
}

/** The steps of a document whose reference fields of `kind` hold `id`. */
export function stepsNaming(document: unknown, kind: UsageKind, id: string): UsingStep[] {
  const nodeIds = new Set(findFlowReferences(document).filter((r) => r.kind === kind && r.id === id && r.nodeId !== undefined).map((r) => r.nodeId as string));
  if (nodeIds.size === 0) return [];
  const nodes = ((document as { nodes?: unknown }).nodes ?? []) as { id?: unknown; type?: unknown; label?: unknown }[];
  return nodes
    .filter((n) => typeof n.id === 'string' && nodeIds.has(n.id))
    .map((n) => ({ id: n.id as string, type: String(n.type), label: typeof n.label === 'string' && n.label !== '' ? n.label : null }));
}

async function numberRoute(db: Db, organizationId: string, id: string): Promise<ResourceUsage['routesTo']> {
  const number = await db.phoneNumber.findFirst({
    where: { id, organizationId },
    select: { flow: { select: { id: true, name: true, deletedAt: true, versions: { where: { status: 'published' }, select: { id: true }, take: 1 } } } },
  });
  const flow = number?.flow;
  if (!flow || flow.deletedAt) return null;
  return { flowId: flow.id, flowName: flow.name, live: flow.versions.length > 0 };
}
