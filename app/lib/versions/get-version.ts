import type { CurrentUser } from '@/app/lib/auth/current-user';
import { notFound } from '@/app/lib/api/errors';
import type { Db } from '@/app/lib/db/transaction';
import { getPrisma } from '@/prisma/client';
import { toVersionView, versionNumbersById, versionSelect, type VersionDetailView } from './version-view';

/** One published or canary version (with its document) of a flow of the caller's organisation. */
export async function getVersion(
  user: Pick<CurrentUser, 'organizationId'>,
  flowId: string,
  number: number,
  db: Db = getPrisma(),
): Promise<VersionDetailView> {
  const row = await db.flowVersion.findFirst({
    where: { flowId, number, status: { in: ['published', 'canary'] }, organizationId: user.organizationId, flow: { deletedAt: null } },
    select: { ...versionSelect, document: true },
  });
  if (!row) throw notFound(`Version ${number} of flow`, flowId);
  return { ...toVersionView(row, await versionNumbersById(db, flowId)), flowId, document: row.document };
}

/** Parses the `:number` path segment; anything but a positive integer is a 404. */
export function parseVersionNumber(flowId: string, raw: string): number {
  const number = /^[1-9][0-9]{0,8}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(number)) throw notFound(`Version ${raw} of flow`, flowId);
  return number;
}
