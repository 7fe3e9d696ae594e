// An organisation always keeps at least one admin, or nobody could manage its users again.
import { ApiError } from '@/app/lib/api/errors';
import type { Tx } from '@/app/lib/db/transaction';
import type { User } from '@/prisma/generated/client';

/**
 * Refuses (409) to demote or remove `target` when it is the organisation's last admin. The
 * organisation row is locked first, so two admins demoting each other at once cannot both win.
 */
export async function assertNotLastAdmin(tx: Tx, target: User, change: 'demote' | 'remove', path?: string): Promise<void> {
  if (target.role !== 'admin') return;
  await tx.$queryRaw`SELECT id FROM "Organization" WHERE id = ${target.organizationId} FOR UPDATE`;
  const admins = await tx.user.count({ where: { organizationId: target.organizationId, role: 'admin' } });
  if (admins > 1) return;
  const what = change === 'demote' ? 'change the role of' : 'remove';
  throw new ApiError('CONFLICT', `Cannot ${what} ${target.name} (${target.email}): they are the organisation's last admin. Make another user an admin first.`, {
    ...(path ? { path } : {}),
    details: { reason: 'LAST_ADMIN' },
  });
}
