import type { CurrentUser } from '@/app/lib/auth/current-user';
import { recordAudit } from '@/app/lib/audit/record-audit';
import { inTransaction } from '@/app/lib/db/transaction';
import { loadContactView } from './contact-view';

export async function deleteContact(user: Pick<CurrentUser, 'id' | 'organizationId'>, id: string): Promise<void> {
  await inTransaction(async (tx) => {
    const contact = await loadContactView(tx, user.organizationId, id);
    await tx.contact.delete({ where: { id } });
    await recordAudit(tx, user, { action: 'delete', entityType: 'contact', entityId: id, details: { name: contact.name } });
  });
}
