import type { CurrentUser } from '@/app/lib/auth/current-user';
import { recordAudit } from '@/app/lib/audit/record-audit';
import { inTransaction } from '@/app/lib/db/transaction';
import { assertProblemsFree, checkContact, type ContactInput } from './contact-input';
import { loadContactView } from './contact-view';
import type { ContactSaved } from './create-contact';
import { duplicateWarnings, type DuplicateWarning } from './duplicate-numbers';

/** Changes a contact; `numbers`, when sent, replaces all its numbers. */
export async function updateContact(user: Pick<CurrentUser, 'id' | 'organizationId'>, id: string, input: Partial<ContactInput>): Promise<ContactSaved> {
  const { data, problems } = checkContact({ name: input.name ?? 'unchanged', numbers: input.numbers ?? [], company: input.company, email: input.email, notes: input.notes });
  assertProblemsFree(problems);
  return inTransaction(async (tx) => {
    await loadContactView(tx, user.organizationId, id);
    let warnings: DuplicateWarning[] = [];
    if (input.numbers) {
      warnings = await duplicateWarnings(tx, user.organizationId, data.numbers, id);
      await tx.contactNumber.deleteMany({ where: { contactId: id } });
      await tx.contactNumber.createMany({ data: data.numbers.map((n) => ({ ...n, contactId: id, organizationId: user.organizationId })) });
    }
    await tx.contact.update({
      where: { id },
      data: {
        ...(input.name !== undefined ? { name: data.name } : {}),
        ...(input.company !== undefined ? { company: data.company } : {}),
        ...(input.email !== undefined ? { email: data.email } : {}),
        ...(input.notes !== undefined ? { notes: data.notes } : {}),
        updatedAt: new Date(),
      },
    });
    await recordAudit(tx, user, { action: 'update', entityType: 'contact', entityId: id, details: { fields: Object.keys(input) } });
    return { ...(await loadContactView(tx, user.organizationId, id)), warnings };
  });
}
