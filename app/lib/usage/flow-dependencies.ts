// A flow's page: what its draft and live version use (groups, calendars, sounds, agents, lists,
// numbers, flows, by name), and what uses the flow (numbers routed to it, other flows redirecting to it).
import { listFlowReferences, REFERENCE_KINDS } from '@/schemas';
import type { Db } from '@/app/lib/db/transaction';
import { findUsage } from './find-usage';
import type { FlowVersionUse, ResourceUsage, UsageKind } from './usage-types';

export interface FlowDependency {
  kind: UsageKind;
  id: string;
  /** null when the object no longer exists. */
  name: string | null;
  /** Which of the flow's current documents name it. */
  in: ('draft' | 'live')[];
}

export interface FlowDependencies {
  uses: FlowDependency[];
  usedBy: { numbers: ResourceUsage['numbers']; flows: FlowVersionUse[] };
}

type NameRow = { id: string; name: string };

async function namesOf(db: Db, organizationId: string, kind: UsageKind, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const where = { organizationId, id: { in: ids } };
  const select = { id: true, name: true } as const;
  let rows: NameRow[];
  switch (kind) {
    case 'groups': rows = await db.queueGroup.findMany({ where, select }); break;
    case 'calendars': rows = await db.calendar.findMany({ where, select }); break;
    case 'sounds': rows = await db.sound.findMany({ where, select }); break;
    case 'agents': rows = await db.agent.findMany({ where, select }); break;
    case 'forbiddenLists': rows = await db.forbiddenList.findMany({ where, select }); break;
    case 'flows': rows = await db.flow.findMany({ where: { ...where, deletedAt: null }, select }); break;
    case 'numbers': rows = (await db.phoneNumber.findMany({ where, select: { id: true, e164: true } })).map((n) => ({ id: n.id, name: n.e164 })); break;
  }
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function flowDependencies(db: Db, organizationId: string, flowId: string): Promise<FlowDependencies> {
  const [draft, live] = await Promise.all([
    db.flowVersion.findFirst({ where: { flowId, organizationId, status: 'draft' }, select: { document: true } }),
    db.flowVersion.findFirst({ where: { flowId, organizationId, status: 'published' }, orderBy: { number: 'desc' }, select: { document: true } }),
  ]);
  const found = new Map<string, FlowDependency>();
  for (const [state, version] of [['draft', draft], ['live', live]] as const) {
    if (!version) continue;
    const refs = listFlowReferences(version.document);
    for (const kind of REFERENCE_KINDS) {
      for (const id of refs[kind]) {
        const key = `${kind}:${id}`;
        const dep = found.get(key) ?? { kind, id, name: null, in: [] };
        dep.in.push(state);
        found.set(key, dep);
      }
    }
  }
  const deps = [...found.values()];
  const names = await Promise.all(REFERENCE_KINDS.map((kind) => namesOf(db, organizationId, kind, deps.filter((d) => d.kind === kind).map((d) => d.id))));
  const byKind = new Map(REFERENCE_KINDS.map((kind, i) => [kind, names[i]]));
  for (const dep of deps) dep.name = byKind.get(dep.kind)?.get(dep.id) ?? null;
  const kindOrder = (k: UsageKind) => REFERENCE_KINDS.indexOf(k);
  deps.sort((a, b) => kindOrder(a.kind) - kindOrder(b.kind) || (a.name ?? '').localeCompare(b.name ?? ''));
  const usage = await findUsage(db, organizationId, 'flows', flowId);
  return { uses: deps, usedBy: { numbers: usage.numbers, flows: usage.flows.filter((f) => f.flowId !== flowId) } };
}
