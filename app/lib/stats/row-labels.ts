// Names of the statistics' rows: the entry number's label, the flow's, group's or agent's name.
import type { PrismaClient } from '@/prisma/client';
import type { StatsDimension } from './stats-sql';

export async function rowLabels(db: PrismaClient, organizationId: string, by: StatsDimension, keys: string[]): Promise<Map<string, string>> {
  const ids = keys.filter(Boolean);
  if (ids.length === 0) return new Map();
  const where = { organizationId, id: { in: ids } };
  switch (by) {
    case 'number': {
      const numbers = await db.phoneNumber.findMany({ where: { organizationId, e164: { in: ids } }, select: { e164: true, label: true } });
      const labels = new Map(numbers.map((n) => [n.e164, n.label ? `${n.label} (${n.e164})` : n.e164]));
      return new Map(ids.map((e164) => [e164, labels.get(e164) ?? e164]));
    }
    case 'flow':
      return new Map((await db.flow.findMany({ where, select: { id: true, name: true } })).map((r) => [r.id, r.name]));
    case 'group':
      return new Map((await db.queueGroup.findMany({ where, select: { id: true, name: true } })).map((r) => [r.id, r.name]));
    case 'agent':
      return new Map((await db.agent.findMany({ where, select: { id: true, name: true } })).map((r) => [r.id, r.name]));
  }
}
