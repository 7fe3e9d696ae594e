// Who is this number in the organisation's directory? Used by transfers (a contact as target)
// and by the agent console (the caller's name). One indexed query on ContactNumber
// (organizationId, canonical); the number is compared in the form the trunk dials, so a caller
// presented as "+33612345678" finds a contact stored as "06 12 34 56 78".
// Several contacts may share a number (duplicates are allowed, the admin warns): the oldest
// contact wins, then the lowest id, so the answer is stable.
// The name is read at each lookup and stored nowhere else (no copy on calls yet).
import type { PrismaClient } from '../../prisma/client';
import { contactCanonical } from './contact-number';

export interface ContactMatch {
  contactId: string;
  name: string;
  company: string | null;
  /** The matching number as typed in the directory, and its label ("mobile", "standard"…). */
  number: string;
  label: string | null;
}

type Db = Pick<PrismaClient, 'contactNumber'>;

export async function findContactByNumber(db: Db, organizationId: string, number: string, home = '33'): Promise<ContactMatch | null> {
  const canonical = contactCanonical(number, home);
  if (!canonical) return null;
  const row = await db.contactNumber.findFirst({
    where: { organizationId, canonical },
    orderBy: [{ contact: { createdAt: 'asc' } }, { contactId: 'asc' }, { position: 'asc' }],
    select: { number: true, label: true, contact: { select: { id: true, name: true, company: true } } },
  });
  return row ? { contactId: row.contact.id, name: row.contact.name, company: row.contact.company, number: row.number, label: row.label } : null;
}
