// What the API returns for a published version (list and detail).
import type { Db } from '@/app/lib/db/transaction';

export const versionSelect = {
  id: true,
  number: true,
  note: true,
  publishedAt: true,
  createdAt: true,
  sourceVersionId: true,
  status: true,
  author: { select: { id: true, name: true } },
} as const;

export interface VersionView {
  id: string;
  number: number;
  note: string | null;
  publishedAt: Date;
  author: { id: string; name: string } | null;
  /** For a rollback: the number of the version it copies. */
  sourceVersionNumber: number | null;
  /** 'canary': the draft published as canary — numbered, never live (until promoted as a new version). */
  status: 'published' | 'canary';
}

export interface VersionDetailView extends VersionView {
  flowId: string;
  document: unknown;
}

type Row = {
  id: string;
  number: number | null;
  note: string | null;
  publishedAt: Date | null;
  createdAt: Date;
  sourceVersionId: string | null;
  status: 'draft' | 'published' | 'canary';
  author: { id: string; name: string } | null;
};

/** @param numbersById number of each version of the flow, to name a rollback's source. */
export function toVersionView(row: Row, numbersById: Map<string, number>): VersionView {
  return {
    id: row.id,
    number: row.number!,
    note: row.note,
    publishedAt: row.publishedAt ?? row.createdAt,
    author: row.author,
    sourceVersionNumber: row.sourceVersionId ? (numbersById.get(row.sourceVersionId) ?? null) : null,
    status: row.status === 'canary' ? 'canary' : 'published',
  };
}

/** Version id → number, for every published (or canary) version of a flow. */
export async function versionNumbersById(db: Db, flowId: string): Promise<Map<string, number>> {
  const rows = await db.flowVersion.findMany({ where: { flowId, status: { in: ['published', 'canary'] } }, select: { id: true, number: true } });
  return new Map(rows.map((r) => [r.id, r.number!]));
}
