// What the API returns for a flow (list and detail).
import type { Db } from '@/app/lib/db/transaction';

export const flowInclude = {
  versions: {
    select: { status: true, number: true, revision: true, updatedAt: true, publishedAt: true },
    orderBy: { createdAt: 'desc' as const },
  },
  phoneNumbers: { select: { id: true, e164: true }, orderBy: { e164: 'asc' as const } },
};

type FlowWithRelations = NonNullable<Awaited<ReturnType<typeof findFlowRow>>>;

function findFlowRow(db: Db, organizationId: string, id: string) {
  return db.flow.findFirst({ where: { id, organizationId, deletedAt: null }, include: flowInclude });
}

export interface FlowView {
  id: string;
  name: string;
  description: string | null;
  createdAt: Date;
  updatedAt: Date;
  draft: { revision: number; updatedAt: Date } | null;
  /** The newest published version, or null when never published. */
  publishedVersion: { number: number; publishedAt: Date | null } | null;
  versionCount: number;
  numbers: { id: string; e164: string }[];
}

export function toFlowView(flow: FlowWithRelations): FlowView {
  const draft = flow.versions.find((v) => v.status === 'draft');
  const published = flow.versions
    .filter((v) => v.status === 'published' && v.number !== null)
    .sort((a, b) => (b.number ?? 0) - (a.number ?? 0))[0];
  return {
    id: flow.id,
    name: flow.name,
    description: flow.description,
    createdAt: flow.createdAt,
    updatedAt: flow.updatedAt,
    draft: draft ? { revision: draft.revision, updatedAt: draft.updatedAt } : null,
    publishedVersion: published ? { number: published.number!, publishedAt: published.publishedAt } : null,
    versionCount: flow.versions.filter((v) => v.status === 'published').length,
    numbers: flow.phoneNumbers,
  };
}

export { findFlowRow };
