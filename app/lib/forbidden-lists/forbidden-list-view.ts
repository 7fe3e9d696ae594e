import { notFound } from '@/app/lib/api/errors';
import type { Db } from '@/app/lib/db/transaction';

// Entries keep the order they were sent in (cuids grow monotonically within one write).
const include = { entries: { orderBy: { id: 'asc' as const } } };

export interface ForbiddenListView {
  id: string;
  name: string;
  description: string | null;
  entries: { id: string; kind: 'exact' | 'prefix'; pattern: string; label: string | null }[];
  createdAt: Date;
  updatedAt: Date;
}

export interface ForbiddenListInput {
  name: string;
  description?: string | null;
  entries?: { kind: 'exact' | 'prefix'; pattern: string; label?: string | null }[];
}

type Row = NonNullable<Awaited<ReturnType<typeof findRow>>>;
function findRow(db: Db, organizationId: string, id: string) {
  return db.forbiddenList.findFirst({ where: { id, organizationId }, include });
}

export function toForbiddenListView(row: Row): ForbiddenListView {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    entries: row.entries.map((e) => ({ id: e.id, kind: e.kind, pattern: e.pattern, label: e.label })),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export async function loadForbiddenListView(db: Db, organizationId: string, id: string): Promise<ForbiddenListView> {
  const row = await findRow(db, organizationId, id);
  if (!row) throw notFound('Forbidden-destination list', id);
  return toForbiddenListView(row);
}

export async function listForbiddenListViews(db: Db, organizationId: string): Promise<ForbiddenListView[]> {
  return (await db.forbiddenList.findMany({ where: { organizationId }, include, orderBy: [{ name: 'asc' }, { id: 'asc' }] })).map(toForbiddenListView);
}

export function entryRows(entries: NonNullable<ForbiddenListInput['entries']>) {
  return entries.map((e) => ({ kind: e.kind, pattern: e.pattern, label: e.label ?? null }));
}
