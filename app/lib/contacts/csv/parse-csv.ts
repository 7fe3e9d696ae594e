// A small RFC 4180 CSV reader. Why our own: no CSV library is installed (no csv-parse, no
// papaparse in node_modules) and helpers may not run npm install; a directory import needs only
// the RFC's grammar, which a single pass handles.
//
// One pass over the text, each character looked at once (linear time), with limits checked as it
// goes so a hostile file stops early: records, fields per record, characters per field.
// - separator: given, or guessed from the first line outside quotes (the most frequent of ";",
//   ",", tab; French spreadsheets write ";");
// - quotes: a field starting with " runs to the next lone "; "" inside is one "; line breaks
//   inside quotes belong to the field;
// - line ends: CRLF, LF or CR; a trailing line end does not make an empty record; blank lines
//   are skipped (spreadsheets leave them);
// - lenient where a spreadsheet would be: a quote in the middle of an unquoted field is kept as
//   text; text after a closing quote is appended. An unclosed quote is an error (the rest of the
//   file would silently become one field).

export interface CsvLimits {
  maxRecords: number;
  maxFields: number;
  maxFieldLength: number;
}

export interface CsvRecord {
  /** 1-based record number in the file (the header is 1), as a spreadsheet numbers its rows
   *  when no field spans lines. */
  row: number;
  fields: string[];
}

export class CsvError extends Error {
  constructor(
    message: string,
    readonly row: number,
  ) {
    super(message);
    this.name = 'CsvError';
  }
}

export const DEFAULT_CSV_LIMITS: CsvLimits = { maxRecords: 10_001, maxFields: 50, maxFieldLength: 4_000 };

const CANDIDATES = [';', ',', '\t'] as const;

/** The separator of the first line: the most frequent candidate outside quotes (";" wins ties). */
export function guessSeparator(text: string): string {
  const counts = new Map<string, number>(CANDIDATES.map((c) => [c, 0]));
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  let best: string = ';';
  for (const c of CANDIDATES) if (counts.get(c)! > counts.get(best)!) best = c;
  return best;
}

export function parseCsv(text: string, options: { separator?: string; limits?: Partial<CsvLimits> } = {}): { separator: string; records: CsvRecord[] } {
  const limits = { ...DEFAULT_CSV_LIMITS, ...options.limits };
  const sep = options.separator ?? guessSeparator(text);
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false; // inside a quoted field
  let wasQuoted = false; // the current field started with a quote
  let row = 1;
  let fieldStart = true;

  const endField = () => {
    if (fields.length >= limits.maxFields) throw new CsvError(`more than ${limits.maxFields} columns`, row);
    fields.push(wasQuoted ? field : field.trim());
    field = '';
    wasQuoted = false;
    fieldStart = true;
  };
  const endRecord = () => {
    endField();
    const blank = fields.length === 1 && fields[0] === '';
    if (!blank) {
      if (records.length >= limits.maxRecords) throw new CsvError(`more than ${limits.maxRecords - 1} rows`, row);
      records.push({ row, fields });
    }
    fields = [];
    row++;
  };
  const add = (ch: string) => {
    if (field.length >= limits.maxFieldLength) throw new CsvError(`a value is longer than ${limits.maxFieldLength} characters`, row);
    field += ch;
  };

  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          add('"');
          i++;
        } else quoted = false;
      } else add(ch);
      continue;
    }
    if (ch === '"' && fieldStart) {
      // spaces before an opening quote are not content (`a; "b"`)
      field = '';
      quoted = true;
      wasQuoted = true;
      fieldStart = false;
    } else if (ch === sep) endField();
    else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRecord();
    } else {
      // the field has not started while it is only spaces (an opening quote may still come)
      if (ch !== ' ' && ch !== '\t') fieldStart = false;
      add(ch);
    }
  }
  if (quoted) throw new CsvError('a quoted value is never closed (missing ")', row);
  if (field !== '' || fields.length > 0 || wasQuoted) endRecord();
  return { separator: sep, records };
}
