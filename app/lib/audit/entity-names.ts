// Names of the objects an audit page mentions (group "Accueil" rather than its id), looked up
// per entity type in one query each, within the organisation. Deleted objects keep the name
// recorded in the entry's details when there is one; otherwise the page shows the type alone.
import { getPrisma } from '@/prisma/client';

type Lookup = (organizationId: string, ids: string[]) => Promise<{ id: string; name: string }[]>;

const LOOKUPS: Record<string, Lookup> = {
  group: (organizationId, ids) => getPrisma().queueGroup.findMany({ where: { organizationId, id: { in: ids } }, select: { id: true, name: true } }),
  calendar: (organizationId, ids) => getPrisma().calendar.findMany({ where: { organizationId, id: { in: ids } }, select: { id: true, name: true } }),
  sound: (organizationId, ids) => getPrisma().sound.findMany({ where: { organizationId, id: { in: ids } }, select: { id: true, name: true } }),
  forbidden_list: (organizationId, ids) => getPrisma().forbiddenList.findMany({ where: { organizationId, id: { in: ids } }, select: { id: true, name: true } }),
  agent: (organizationId, ids) => getPrisma().agent.findMany({ where: { organizationId, id: { in: ids } }, select: { id: true, name: true } }),
  user: (organizationId, ids) => getPrisma().user.findMany({ where: { organizationId, id: { in: ids } }, select: { id: true, name: true } }),
  contact: (organizationId, ids) => getPrisma().contact.findMany({ where: { organizationId, id: { in: ids } }, select: { id: true, name: true } }),
  number: async (organizationId, ids) =>
    (await getPrisma().phoneNumber.findMany({ where: { organizationId, id: { in: ids } }, select: { id: true, e164: true } })).map((n) => ({ id: n.id, name: n.e164 })),
  pause_reason: async (organizationId, ids) =>
    (await getPrisma().pauseReason.findMany({ where: { organizationId, id: { in: ids } }, select: { id: true, label: true } })).map((r) => ({ id: r.id, name: r.label })),
  webhook: async (organizationId, ids) =>
    (await getPrisma().webhookSubscription.findMany({ where: { organizationId, id: { in: ids } }, select: { id: true, url: true } })).map((w) => ({ id: w.id, name: w.url })),
};

export interface NamedEntry {
  entityType: string;
  entityId: string | null;
  details?: unknown;
}

/** `${entityType}:${entityId}` → a name a user recognises. */
export async function auditEntityNames(organizationId: string, entries: NamedEntry[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  const idsByType = new Map<string, Set<string>>();
  for (const entry of entries) {
    if (!entry.entityId) continue;
    const recorded = (entry.details as { name?: unknown } | null | undefined)?.name;
    if (typeof recorded === 'string' && recorded) names.set(`${entry.entityType}:${entry.entityId}`, recorded);
    if (LOOKUPS[entry.entityType]) (idsByType.get(entry.entityType) ?? idsByType.set(entry.entityType, new Set()).get(entry.entityType)!).add(entry.entityId);
  }
  await Promise.all(
    [...idsByType].map(async ([type, ids]) => {
      for (const row of await LOOKUPS[type](organizationId, [...ids])) names.set(`${type}:${row.id}`, row.name);
    }),
  );
  return names;
}
