// Reading one webhook of the caller's organisation (another organisation's answers 404).
import { notFound } from '@/app/lib/api/errors';
import type { CurrentUser } from '@/app/lib/auth/current-user';
import type { Db } from '@/app/lib/db/transaction';

export async function findWebhook(db: Db, user: Pick<CurrentUser, 'organizationId'>, id: string) {
  const row = await db.webhookSubscription.findFirst({ where: { id, organizationId: user.organizationId } });
  if (!row) throw notFound('Webhook', id);
  return row;
}
