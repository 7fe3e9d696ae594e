// GET /api/usage?kind=&id=: what uses one object of the caller's organisation (404 for an
// unknown kind's object or another organisation's).
import { REFERENCE_KINDS } from '@/schemas';
import type { CurrentUser } from '@/app/lib/auth/current-user';
import { ApiError, notFound } from '@/app/lib/api/errors';
import type { Db } from '@/app/lib/db/transaction';
import { getPrisma } from '@/prisma/client';
import { findUsage } from './find-usage';
import type { ResourceUsage, UsageKind } from './usage-types';

export function parseUsageKind(kind: string | null): UsageKind {
  if (!kind || !(REFERENCE_KINDS as readonly string[]).includes(kind)) {
    throw new ApiError('VALIDATION_FAILED', `kind must be one of ${REFERENCE_KINDS.join(', ')}`, { path: '/kind' });
  }
  return kind as UsageKind;
}

/** The object's display name, or null when the organisation has no such object. */
export async function usageTargetName(db: Db, organizationId: string, kind: UsageKind, id: string): Promise<string | null> {
  const where = { id, organizationId };
  switch (kind) {
    case 'groups':
      return (await db.queueGroup.findFirst({ where, select: { name: true } }))?.name ?? null;
    case 'calendars':
      return (await db.calendar.findFirst({ where, select: { name: true } }))?.name ?? null;
    case 'sounds':
      return (await db.sound.findFirst({ where, select: { name: true } }))?.name ?? null;
    case 'agents':
      return (await db.agent.findFirst({ where, select: { name: true } }))?.name ?? null;
    case 'forbiddenLists':
      return (await db.forbiddenList.findFirst({ where, select: { name: true } }))?.name ?? null;
    case 'numbers':
      return (await db.phoneNumber.findFirst({ where, select: { e164: true } }))?.e164 ?? null;
    case 'flows':
      return (await db.flow.findFirst({ where: { ...where, deletedAt: null }, select: { name: true } }))?.name ?? null;
  }
}

export async function getUsage(user: Pick<CurrentUser, 'organizationId'>, kindParam: string | null, idParam: string | null): Promise<ResourceUsage & { name: string }> {
  const kind = parseUsageKind(kindParam);
  if (!idParam) throw new ApiError('VALIDATION_FAILED', 'id is required', { path: '/id' });
  const db = getPrisma();
  const name = await usageTargetName(db, user.organizationId, kind, idParam);
  if (name === null) throw notFound('Object', idParam);
  return { ...(await findUsage(db, user.organizationId, kind, idParam)), name };
}
