import type { CurrentUser } from '@/app/lib/auth/current-user';
import { ApiError, notFound } from '@/app/lib/api/errors';
import type { Db } from '@/app/lib/db/transaction';

/** Which document of a flow: its draft, its live (newest published) version, or version N. */
export type DocumentRef = 'draft' | 'live' | number;

export interface LoadedDocument {
  ref: 'draft' | number;
  /** The draft's revision, or the version's number. */
  revision: number;
  document: unknown;
}

/** Parses `draft`, `live` or a version number from a query parameter; 400 naming the parameter otherwise. */
export function parseDocumentRef(name: string, raw: string | null): DocumentRef {
  if (raw === 'draft' || raw === 'live') return raw;
  if (raw && /^[1-9][0-9]{0,8}$/.test(raw)) return Number(raw);
  throw new ApiError('VALIDATION_FAILED', `${name} must be "draft", "live" or a version number (got ${JSON.stringify(raw)})`, { path: `/${name}` });
}

export async function loadFlowDocument(db: Db, user: Pick<CurrentUser, 'organizationId'>, flowId: string, ref: DocumentRef): Promise<LoadedDocument> {
  const scope = { flowId, organizationId: user.organizationId, flow: { deletedAt: null } };
  if (ref === 'draft') {
    const draft = await db.flowVersion.findFirst({ where: { ...scope, status: 'draft' }, select: { document: true, revision: true } });
    if (!draft) throw notFound('Draft of flow', flowId);
    return { ref: 'draft', revision: draft.revision, document: draft.document };
  }
  const version = await db.flowVersion.findFirst({
    // live: the newest 'published' (a canary version is never live); by number: a canary too
    where: { ...scope, ...(ref === 'live' ? { status: 'published' as const } : { status: { in: ['published' as const, 'canary' as const] }, number: ref }) },
    orderBy: { number: 'desc' },
    select: { document: true, number: true },
  });
  if (!version) throw notFound(ref === 'live' ? 'Published version of flow' : `Version ${ref} of flow`, flowId);
  return { ref: version.number!, revision: version.number!, document: version.document };
}
