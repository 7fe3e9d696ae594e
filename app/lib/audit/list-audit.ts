import type { CurrentUser } from '@/app/lib/auth/current-user';
import { ApiError } from '@/app/lib/api/errors';
import { getPrisma } from '@/prisma/client';

export interface AuditEntryView {
  id: string;
  /** `<entityType>.<action>`, e.g. `flow.publish`. */
  action: string;
  entityType: string;
  entityId: string | null;
  user: { id: string; name: string } | null;
  details: unknown;
  createdAt: Date;
}

export interface AuditPageView {
  entries: AuditEntryView[];
  /** Pass as `cursor` to read the next (older) page; null on the last page. */
  nextCursor: string | null;
}

export interface ListAuditQuery {
  entityType?: string;
  entityId?: string;
  /** The `nextCursor` of the previous page. */
  cursor?: string;
  limit?: number;
}

export const AUDIT_PAGE_SIZE = 50;

/** The organisation's audit log, newest first, one page at a time (keyset on createdAt, id). */
export async function listAudit(user: Pick<CurrentUser, 'organizationId'>, query: ListAuditQuery): Promise<AuditPageView> {
  const limit = query.limit ?? AUDIT_PAGE_SIZE;
  if (!Number.isInteger(limit) || limit < 1 || limit > 200) {
    throw new ApiError('VALIDATION_FAILED', 'limit must be an integer from 1 to 200', { path: '/limit' });
  }
  const prisma = getPrisma();
  const where = {
    organizationId: user.organizationId,
    ...(query.entityType ? { entityType: query.entityType } : {}),
    ...(query.entityId ? { entityId: query.entityId } : {}),
  };
  let after = {};
  if (query.cursor) {
    const cursor = await prisma.auditLog.findFirst({ where: { id: query.cursor, organizationId: user.organizationId }, select: { id: true, createdAt: true } });
    if (!cursor) throw new ApiError('VALIDATION_FAILED', 'cursor is unknown; use the nextCursor of the previous page', { path: '/cursor' });
    after = { OR: [{ createdAt: { lt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { lt: cursor.id } }] };
  }
  const rows = await prisma.auditLog.findMany({
    where: { ...where, ...after },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: limit + 1,
    include: { user: { select: { id: true, name: true } } },
  });
  const page = rows.slice(0, limit);
  return {
    entries: page.map((r) => ({ id: r.id, action: r.action, entityType: r.entityType, entityId: r.entityId, user: r.user, details: r.details, createdAt: r.createdAt })),
    nextCursor: rows.length > limit ? page[page.length - 1].id : null,
  };
}
