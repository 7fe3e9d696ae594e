import { ApiError, notAvailable, notFound } from '@/app/lib/api/errors';
import type { Db, Tx } from '@/app/lib/db/transaction';

const include = {
  flow: {
    select: {
      id: true,
      name: true,
      deletedAt: true,
      // The live version: what a call to the number runs now.
      versions: { where: { status: 'published' as const }, orderBy: { number: 'desc' as const }, take: 1, select: { number: true } },
    },
  },
};

export interface NumberView {
  id: string;
  e164: string;
  label: string | null;
  flowId: string | null;
  flow: { id: string; name: string } | null;
  /** Number of the flow's live version, or null when the flow was never published (or no flow). */
  publishedVersion: number | null;
  createdAt: Date;
}

type Row = NonNullable<Awaited<ReturnType<typeof findRow>>>;
function findRow(db: Db, organizationId: string, id: string) {
  return db.phoneNumber.findFirst({ where: { id, organizationId }, include });
}

export function toNumberView(row: Row): NumberView {
  const flow = row.flow && !row.flow.deletedAt ? { id: row.flow.id, name: row.flow.name } : null;
  const publishedVersion = flow ? (row.flow!.versions[0]?.number ?? null) : null;
  return { id: row.id, e164: row.e164, label: row.label, flowId: flow?.id ?? null, flow, publishedVersion, createdAt: row.createdAt };
}

export async function loadNumberView(db: Db, organizationId: string, id: string): Promise<NumberView> {
  const row = await findRow(db, organizationId, id);
  if (!row) throw notFound('Number', id);
  return toNumberView(row);
}

export async function listNumberViews(db: Db, organizationId: string): Promise<NumberView[]> {
  return (await db.phoneNumber.findMany({ where: { organizationId }, include, orderBy: { e164: 'asc' } })).map(toNumberView);
}

export interface NumberInput {
  e164: string;
  label?: string | null;
  flowId?: string | null;
}

export async function checkNumberInput(tx: Tx, organizationId: string, input: Partial<NumberInput>, selfId?: string): Promise<void> {
  if (input.e164 !== undefined) {
    const taken = await tx.phoneNumber.findFirst({ where: { e164: input.e164, ...(selfId ? { id: { not: selfId } } : {}) }, select: { id: true } });
    // Numbers are platform-wide routes: the same answer whoever holds it (never which organisation).
    if (taken) throw notAvailable('e164');
  }
  if (input.flowId) {
    const flow = await tx.flow.findFirst({ where: { id: input.flowId, organizationId, deletedAt: null }, select: { id: true } });
    if (!flow) throw new ApiError('VALIDATION_FAILED', `Flow ${input.flowId} does not exist in this organisation`, { path: '/flowId' });
  }
}
