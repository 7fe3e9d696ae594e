// Two contacts may share a number (a switchboard, a couple's landline): allowed, but the admin
// is warned, and the runtime lookup answers the oldest contact (flow-runtime/contacts).
import type { ApiProblem } from '@/app/lib/api/errors';
import type { Db } from '@/app/lib/db/transaction';

export interface DuplicateWarning extends ApiProblem {
  severity: 'warning';
  code: 'contact.duplicateNumber';
  /** The other contact that has this number. */
  contactId: string;
  contactName: string;
}

export async function duplicateWarnings(
  db: Db,
  organizationId: string,
  numbers: { canonical: string }[],
  exceptContactId?: string,
): Promise<DuplicateWarning[]> {
  const canonicals = [...new Set(numbers.map((n) => n.canonical).filter(Boolean))];
  if (canonicals.length === 0) return [];
  // chunks keep the query under PostgreSQL's bind-parameter limit on a large import
  const owner = new Map<string, { id: string; name: string }>();
  for (let i = 0; i < canonicals.length; i += 5000) {
    const others = await db.contactNumber.findMany({
      where: { organizationId, canonical: { in: canonicals.slice(i, i + 5000) }, ...(exceptContactId ? { contactId: { not: exceptContactId } } : {}) },
      select: { canonical: true, contact: { select: { id: true, name: true } } },
      orderBy: [{ contact: { createdAt: 'asc' } }, { contactId: 'asc' }],
    });
    for (const o of others) if (!owner.has(o.canonical)) owner.set(o.canonical, o.contact);
  }
  const warnings: DuplicateWarning[] = [];
  numbers.forEach((n, i) => {
    const other = owner.get(n.canonical);
    if (other) {
      warnings.push({ severity: 'warning', code: 'contact.duplicateNumber', message: `${n.canonical} is also the number of ${other.name}`, path: `/numbers/${i}/number`, contactId: other.id, contactName: other.name });
    }
  });
  return warnings;
}
