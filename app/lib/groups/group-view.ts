// What the API returns for a queue group.
import { notFound } from '@/app/lib/api/errors';
import type { Db } from '@/app/lib/db/transaction';

const include = {
  members: {
    orderBy: { position: 'asc' as const },
    include: { agent: { select: { name: true, extension: true, status: true } } },
  },
};

export interface GroupView {
  id: string;
  name: string;
  ringTimeSeconds: number;
  /** #rrggbb, shown on the agent console. */
  color: string;
  /** Post-call pause after a call this group offered (the agent's choice wins). */
  wrapUpSeconds: number;
  /** Service level target (statistics): answered within this many seconds. */
  serviceLevelSeconds: number;
  /** In cascade order. */
  members: { agentId: string; name: string; extension: string | null; status: string; ringTimeSeconds: number | null; position: number }[];
  createdAt: Date;
  updatedAt: Date;
}

type GroupRow = NonNullable<Awaited<ReturnType<typeof findRow>>>;

function findRow(db: Db, organizationId: string, id: string) {
  return db.queueGroup.findFirst({ where: { id, organizationId }, include });
}

export function toGroupView(group: GroupRow): GroupView {
  return {
    id: group.id,
    name: group.name,
    ringTimeSeconds: group.ringTimeSeconds,
    color: group.color,
    wrapUpSeconds: group.wrapUpSeconds,
    serviceLevelSeconds: group.serviceLevelSeconds,
    members: group.members.map((m) => ({
      agentId: m.agentId,
      name: m.agent.name,
      extension: m.agent.extension,
      status: m.agent.status,
      ringTimeSeconds: m.ringTimeSeconds,
      position: m.position,
    })),
    createdAt: group.createdAt,
    updatedAt: group.updatedAt,
  };
}

export async function loadGroupView(db: Db, organizationId: string, id: string): Promise<GroupView> {
  const row = await findRow(db, organizationId, id);
  if (!row) throw notFound('Group', id);
  return toGroupView(row);
}

export async function listGroupViews(db: Db, organizationId: string): Promise<GroupView[]> {
  const rows = await db.queueGroup.findMany({ where: { organizationId }, include, orderBy: [{ name: 'asc' }, { id: 'asc' }] });
  return rows.map(toGroupView);
}
