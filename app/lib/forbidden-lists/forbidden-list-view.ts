import { notFound } from '@/app/lib/api/errors';
import { canonicalPattern } from '@/flow-runtime/numbers';
import type { Db } from '@/app/lib/db/transaction';

// Entries keep the order they were sent in (cuids grow monotonically within one write).
const include = { entries: { orderBy: { id: 'asc' as const } } };

export interface ForbiddenListView {
  id: string;
  name: string;
  description: string | null;
  /** `matches`: the entry as calls are compared with it (flow-runtime/numbers): 0899 prefix → "+33899*". */
  entries: { id: string; kind: 'exact' | 'prefix'; pattern: string; matches: string; label: string | null }[];
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

// Entries are stored as typed and canonicalised when calls are judged (flow-runtime/calls/call-context.ts),
// so rows written before the canonical form existed match too; `matches` shows that form, read with
// the trunk's home country like the runtime (TRUNK_COUNTRY_CODE, default 33).
const homeCountryCode = () => process.env.TRUNK_COUNTRY_CODE || '33';
const entryPattern = (e: { kind: 'exact' | 'prefix'; pattern: string }) => (e.kind === 'prefix' && !e.pattern.endsWith('*') ? `${e.pattern}*` : e.pattern);

export function toForbiddenListView(row: Row): ForbiddenListView {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    entries: row.entries.map((e) => ({ id: e.id, kind: e.kind, pattern: e.pattern, matches: canonicalPattern(entryPattern(e), homeCountryCode()), label: e.label })),
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
