// A contact as the API and the CSV import receive it, checked beyond its JSON Schema: every
// number must be a phone number (flow-runtime/numbers cleanNumber) and gets its canonical form.
// Problems carry the JSON pointer of the field at fault ("/numbers/1/number").
import { ApiError, type ApiProblem } from '@/app/lib/api/errors';
import { contactCanonical } from '@/flow-runtime/contacts/contact-number';

export interface ContactInput {
  name: string;
  company?: string | null;
  email?: string | null;
  notes?: string | null;
  numbers: { number: string; label?: string | null }[];
}

/** What is written: trimmed text, empty optional text as null, numbers with their canonical form. */
export interface ContactData {
  name: string;
  company: string | null;
  email: string | null;
  notes: string | null;
  numbers: { position: number; number: string; canonical: string; label: string | null }[];
}

/** The home country of national numbers, as the runtime reads it (flow-runtime/config.ts). */
export const homeCountryCode = () => process.env.TRUNK_COUNTRY_CODE || '33';

const optional = (s: string | null | undefined) => (s == null || s.trim() === '' ? null : s.trim());

export function numberRows(numbers: ContactInput['numbers'], problems: ApiProblem[], home = homeCountryCode()): ContactData['numbers'] {
  return numbers.map((n, i) => {
    const canonical = contactCanonical(n.number.trim(), home);
    if (canonical === null) {
      problems.push({ severity: 'error', code: 'contact.invalidNumber', message: `"${n.number}" is not a phone number (digits, one leading +, spaces, dots, dashes, brackets)`, path: `/numbers/${i}/number` });
    }
    return { position: i, number: n.number.trim(), canonical: canonical ?? '', label: optional(n.label) };
  });
}

/** Schema-valid input → rows, or the problems (each with its field). */
export function checkContact(input: ContactInput, home = homeCountryCode()): { data: ContactData; problems: ApiProblem[] } {
  const problems: ApiProblem[] = [];
  const data = { name: input.name.trim(), company: optional(input.company), email: optional(input.email), notes: optional(input.notes), numbers: numberRows(input.numbers, problems, home) };
  return { data, problems };
}

/** Throws VALIDATION_FAILED naming the first failing field, like the schema validation does. */
export function assertProblemsFree(problems: ApiProblem[]): void {
  if (problems.length === 0) return;
  throw new ApiError('VALIDATION_FAILED', `${problems[0].path}: ${problems[0].message}`, { path: problems[0].path, problems });
}
