// CSV export of the directory, in the form the import reads back: UTF-8 with a BOM and ";"
// (what French Excel opens without a wizard), header in the user's language, one
// "numéro N;libellé N" pair per number. Cells a spreadsheet would run as a formula (=, @, or
// + / - when the cell is not a phone number) are prefixed with ' (CSV injection).
import type { CurrentUser } from '@/app/lib/auth/current-user';
import { cleanNumber } from '@/flow-runtime/numbers';
import { getPrisma } from '@/prisma/client';
import { contactInclude } from './contact-view';

const HEADERS = {
  fr: { name: 'nom', company: 'société', email: 'email', notes: 'notes', number: 'numéro', label: 'libellé' },
  en: { name: 'name', company: 'company', email: 'email', notes: 'notes', number: 'number', label: 'label' },
};

export function csvCell(value: string | null): string {
  let v = value ?? '';
  if (/^[=@\t\r]/.test(v) || (/^[+-]/.test(v) && cleanNumber(v) === null)) v = `'${v}`;
  return /[";\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export async function exportContactsCsv(user: Pick<CurrentUser, 'organizationId' | 'locale'>): Promise<string> {
  const h = user.locale?.startsWith('en') ? HEADERS.en : HEADERS.fr;
  const contacts = await getPrisma().contact.findMany({ where: { organizationId: user.organizationId }, include: contactInclude, orderBy: [{ name: 'asc' }, { id: 'asc' }] });
  const width = Math.max(1, ...contacts.map((c) => c.numbers.length));
  const header = [h.name, h.company, h.email, h.notes];
  for (let i = 1; i <= width; i++) header.push(`${h.number} ${i}`, `${h.label} ${i}`);
  const lines = [header.map(csvCell).join(';')];
  for (const c of contacts) {
    const cells = [c.name, c.company, c.email, c.notes];
    for (let i = 0; i < width; i++) cells.push(c.numbers[i]?.number ?? '', c.numbers[i]?.label ?? '');
    lines.push(cells.map(csvCell).join(';'));
  }
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}
