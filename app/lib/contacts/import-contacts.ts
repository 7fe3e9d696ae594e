// CSV import of the directory: POST /api/contacts/import (text/csv). Every row is checked like
// a contact sent to POST /api/contacts (same JSON Schema, same number rules); the answer lists
// each bad row with its row number, the column at fault and why.
// - preview (default): nothing is written; the report says what an import would do;
// - commit: all valid rows are written in one transaction, or none: with any bad row the import
//   is refused (400, same report) unless skipInvalid is set, then the bad rows are left out.
// Duplicate numbers (with the directory or within the file) are warnings, not errors.
import { randomUUID } from 'node:crypto';
import { ApiError, type ApiProblem } from '@/app/lib/api/errors';
import { assertValid } from '@/app/lib/api/validate-body';
import type { CurrentUser } from '@/app/lib/auth/current-user';
import { recordAudit } from '@/app/lib/audit/record-audit';
import { inTransaction } from '@/app/lib/db/transaction';
import { getPrisma } from '@/prisma/client';
import { checkContact, type ContactData, type ContactInput } from './contact-input';
import { mapColumns, type ColumnMap } from './csv/contact-columns';
import { decodeCsvBytes } from './csv/decode-text';
import { CsvError, parseCsv } from './csv/parse-csv';
import { duplicateWarnings } from './duplicate-numbers';

/** Largest file accepted (a directory of ~20 000 contacts). */
export const MAX_IMPORT_BYTES = 2 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 10_000;
const PREVIEW_ROWS = 50;

export interface RowIssue {
  /** Row of the file (the header is row 1). */
  row: number;
  /** The column as written in the file's header ("" for the row as a whole). */
  column: string;
  /** The contact field (JSON pointer into the contact: "/name", "/numbers/1/number"). */
  field: string;
  code: string;
  message: string;
}

export interface ImportReport {
  committed: boolean;
  encoding: string;
  separator: string;
  rows: number;
  valid: number;
  invalid: number;
  created: number;
  errors: RowIssue[];
  warnings: RowIssue[];
  /** Header names that are none of the known columns (left out). */
  ignoredColumns: string[];
  /** The first valid rows as they would be written. */
  preview: (Omit<ContactData, 'numbers'> & { row: number; numbers: { number: string; canonical: string; label: string | null }[] })[];
}

export interface ImportOptions {
  commit?: boolean;
  skipInvalid?: boolean;
}

interface ParsedRow {
  row: number;
  data?: ContactData;
  errors: RowIssue[];
}

export async function importContacts(user: Pick<CurrentUser, 'id' | 'organizationId'>, bytes: Uint8Array, options: ImportOptions = {}): Promise<ImportReport> {
  if (bytes.length > MAX_IMPORT_BYTES) throw tooLarge();
  const { text, encoding } = decodeCsvBytes(bytes);
  let parsed;
  try {
    parsed = parseCsv(text, { limits: { maxRecords: MAX_IMPORT_ROWS + 1 } });
  } catch (err) {
    if (err instanceof CsvError) throw new ApiError('VALIDATION_FAILED', `row ${err.row}: ${err.message}`, { path: `/rows/${err.row}`, details: { row: err.row } });
    throw err;
  }
  const [header, ...records] = parsed.records;
  if (!header) throw new ApiError('VALIDATION_FAILED', 'The file is empty: a header row (nom;numéro…) and one row per contact are expected', { path: '/header' });
  const columns = mapColumns(header.fields);
  if (columns.fields.name === undefined && columns.fields.firstName === undefined) {
    throw new ApiError('VALIDATION_FAILED', `No name column: name one column "nom" or "name" (found: ${header.fields.join(', ')})`, { path: '/header', details: { code: 'import.noNameColumn' } });
  }
  if (columns.numbers.length === 0) {
    throw new ApiError('VALIDATION_FAILED', `No number column: name one column "numéro", "téléphone", "number" or "phone" (found: ${header.fields.join(', ')})`, { path: '/header', details: { code: 'import.noNumberColumn' } });
  }
  const rows = records.map((r) => checkRow(r.row, r.fields, header.fields, columns));
  const valid = rows.filter((r) => r.data);
  const errors = rows.flatMap((r) => r.errors);
  const warnings = await importWarnings(user.organizationId, valid, header.fields, columns);
  const report: ImportReport = {
    committed: false,
    encoding,
    separator: parsed.separator,
    rows: rows.length,
    valid: valid.length,
    invalid: rows.length - valid.length,
    created: 0,
    errors,
    warnings,
    ignoredColumns: columns.ignored,
    preview: valid.slice(0, PREVIEW_ROWS).map((r) => ({ row: r.row, ...r.data! })),
  };
  if (!options.commit) return report;
  if (report.invalid > 0 && !options.skipInvalid) {
    throw new ApiError('VALIDATION_FAILED', `${report.invalid} row(s) have errors; nothing was imported. Fix them, or import with skipInvalid=true to leave them out`, {
      path: `/rows/${errors[0].row}${errors[0].field}`,
      problems: errors.map((e) => ({ severity: 'error', code: e.code, message: `row ${e.row}, ${e.column || 'row'}: ${e.message}`, path: `/rows/${e.row}${e.field}` })),
      details: { report },
    });
  }
  await inTransaction(async (tx) => {
    const contacts = valid.map((r) => ({ id: `c${randomUUID().replace(/-/g, '')}`, data: r.data! }));
    const now = new Date();
    for (let i = 0; i < contacts.length; i += 1000) {
      const batch = contacts.slice(i, i + 1000);
      await tx.contact.createMany({
        data: batch.map(({ id, data }) => ({ id, organizationId: user.organizationId, name: data.name, company: data.company, email: data.email, notes: data.notes, createdAt: now, updatedAt: now })),
      });
      await tx.contactNumber.createMany({ data: batch.flatMap(({ id, data }) => data.numbers.map((n) => ({ ...n, contactId: id, organizationId: user.organizationId }))) });
    }
    await recordAudit(tx, user, { action: 'import', entityType: 'contact', entityId: 'import', details: { created: contacts.length, skipped: report.invalid, rows: report.rows } });
  });
  return { ...report, committed: true, created: valid.length };
}

function tooLarge() {
  return new ApiError('PAYLOAD_TOO_LARGE', `The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB; split it`, { details: { code: 'import.tooLarge' } });
}

/** Reads a request body up to `max` bytes, stopping as soon as it is larger (413). */
export async function readLimitedBody(req: Request, max = MAX_IMPORT_BYTES): Promise<Uint8Array> {
  const declared = Number(req.headers.get('content-length') ?? '0');
  if (declared > max) throw tooLarge();
  if (!req.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = req.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > max) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

function cell(fields: string[], column: number | undefined): string {
  return column === undefined ? '' : (fields[column] ?? '').trim();
}

function checkRow(row: number, fields: string[], header: string[], columns: ColumnMap): ParsedRow {
  const first = cell(fields, columns.fields.firstName);
  const last = cell(fields, columns.fields.name);
  const numberCells = columns.numbers.map((n) => ({ ...n, value: cell(fields, n.column) })).filter((n) => n.value !== '');
  const input: ContactInput = {
    name: [first, last].filter(Boolean).join(' '),
    company: cell(fields, columns.fields.company) || null,
    email: cell(fields, columns.fields.email) || null,
    notes: cell(fields, columns.fields.notes) || null,
    numbers: numberCells.map((n) => ({ number: n.value, label: n.label ?? (cell(fields, n.labelColumn) || null) })),
  };
  // which file column a contact field came from, to name it in the report
  const columnOf = (path: string): string => {
    const m = /^\/numbers\/(\d+)/.exec(path);
    if (m) return header[numberCells[Number(m[1])]?.column ?? columns.numbers[0].column] ?? '';
    if (path === '/numbers') return header[columns.numbers[0].column] ?? '';
    const field = path.split('/')[1] as keyof ColumnMap['fields'];
    const column = columns.fields[field] ?? (field === 'name' ? columns.fields.firstName : undefined);
    return column === undefined ? '' : header[column];
  };
  const issue = (p: ApiProblem): RowIssue => ({ row, column: columnOf(p.path), field: p.path, code: p.code ?? 'invalid', message: p.path === '/numbers' && p.code === 'schema.minItems' ? 'no number' : p.message });
  try {
    assertValid<ContactInput>('ContactInput', input);
  } catch (err) {
    // one reason per field (an empty name fails both minLength and pattern)
    if (err instanceof ApiError && err.problems) return { row, errors: err.problems.filter((p, i, all) => all.findIndex((q) => q.path === p.path) === i).map(issue) };
    throw err;
  }
  const { data, problems } = checkContact(input);
  return problems.length ? { row, errors: problems.map(issue) } : { row, data, errors: [] };
}

async function importWarnings(organizationId: string, rows: ParsedRow[], header: string[], columns: ColumnMap): Promise<RowIssue[]> {
  const warnings: RowIssue[] = [];
  const firstRowOf = new Map<string, number>();
  const all = rows.flatMap((r) => r.data!.numbers.map((n) => ({ row: r.row, ...n })));
  const existing = await duplicateWarnings(getPrisma(), organizationId, all);
  existing.forEach((w) => {
    const n = all[Number(w.path.split('/')[2])];
    warnings.push({ row: n.row, column: header[columns.numbers[0].column] ?? '', field: `/numbers/${n.position}/number`, code: w.code, message: `${n.canonical} is already the number of ${w.contactName}` });
  });
  for (const n of all) {
    const seen = firstRowOf.get(n.canonical);
    if (seen !== undefined && seen !== n.row) {
      warnings.push({ row: n.row, column: header[columns.numbers[0].column] ?? '', field: `/numbers/${n.position}/number`, code: 'contact.duplicateNumber', message: `${n.canonical} is also on row ${seen}` });
    } else if (seen === undefined) firstRowOf.set(n.canonical, n.row);
  }
  return warnings.sort((a, b) => a.row - b.row);
}
