import type { CurrentUser } from '@/app/lib/auth/current-user';
import { recordAudit } from '@/app/lib/audit/record-audit';
import { inTransaction } from '@/app/lib/db/transaction';
import { assertProblemsFree, checkContact, type ContactInput } from './contact-input';
import { loadContactView, type ContactView } from './contact-view';
import { duplicateWarnings, type DuplicateWarning } from './duplicate-numbers';

export type ContactSaved = ContactView & { warnings: DuplicateWarning[] };

export async function createContact(user: Pick<CurrentUser, 'id' | 'organizationId'>, input: ContactInput): Promise<ContactSaved> {
  const { data, problems } = checkContact(input);
  assertProblemsFree(problems);
  return inTransaction(async (tx) => {
    const warnings = await duplicateWarnings(tx, user.organizationId, data.numbers);
    const contact = await tx.contact.create({
      data: {
        organizationId: user.organizationId,
        name: data.name,
        company: data.company,
        email: data.email,
        notes: data.notes,
        numbers: { create: data.numbers.map((n) => ({ ...n, organizationId: user.organizationId })) },
      },
    });
    await recordAudit(tx, user, { action: 'create', entityType: 'contact', entityId: contact.id, details: { name: contact.name, numbers: data.numbers.length } });
    return { ...(await loadContactView(tx, user.organizationId, contact.id)), warnings };
  });
}
