import { notFound } from '@/app/lib/api/errors';
import type { Db } from '@/app/lib/db/transaction';

export interface ContactNumberView {
  /** As typed. */
  number: string;
  /** What calls are compared with: the E.164 the trunk dials ("+33612345678"), or the digits of a short code. */
  canonical: string;
  label: string | null;
}

export interface ContactView {
  id: string;
  name: string;
  company: string | null;
  email: string | null;
  notes: string | null;
  numbers: ContactNumberView[];
  createdAt: Date;
  updatedAt: Date;
}

export const contactInclude = { numbers: { orderBy: { position: 'asc' as const } } };

type Row = NonNullable<Awaited<ReturnType<typeof findRow>>>;
function findRow(db: Db, organizationId: string, id: string) {
  return db.contact.findFirst({ where: { id, organizationId }, include: contactInclude });
}

export function toContactView(row: Row): ContactView {
  return {
    id: row.id,
    name: row.name,
    company: row.company,
    email: row.email,
    notes: row.notes,
    numbers: row.numbers.map((n) => ({ number: n.number, canonical: n.canonical, label: n.label })),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export async function loadContactView(db: Db, organizationId: string, id: string): Promise<ContactView> {
  const row = await findRow(db, organizationId, id);
  if (!row) throw notFound('Contact', id);
  return toContactView(row);
}
