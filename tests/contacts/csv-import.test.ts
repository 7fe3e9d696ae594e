// The CSV reader and header mapping of the contact import (app/lib/contacts/csv): RFC 4180
// quoting, French files (";", BOM, Windows-1252), limits, and linear time on hostile input.
import { describe, expect, it } from 'vitest';
import { mapColumns } from '@/app/lib/contacts/csv/contact-columns';
import { decodeCsvBytes } from '@/app/lib/contacts/csv/decode-text';
import { CsvError, guessSeparator, parseCsv } from '@/app/lib/contacts/csv/parse-csv';
import { csvCell } from '@/app/lib/contacts/export-contacts';

describe('parseCsv', () => {
  it('reads quoted fields with separators, doubled quotes and line breaks; CRLF, LF; blank lines skipped but counted', () => {
    const { separator, records } = parseCsv('nom;numéro\r\n"Dupont; Jean";06 12\r\n "a""b";"deux\nlignes"\r\n\r\nx;y');
    expect(separator).toBe(';');
    expect(records).toEqual([
      { row: 1, fields: ['nom', 'numéro'] },
      { row: 2, fields: ['Dupont; Jean', '06 12'] },
      { row: 3, fields: ['a"b', 'deux\nlignes'] },
      { row: 5, fields: ['x', 'y'] },
    ]);
  });

  it('guesses the separator from the header line', () => {
    expect(guessSeparator('name,number\n1;2;3;4')).toBe(',');
    expect(guessSeparator('nom;numéro;"a,b,c"')).toBe(';');
    expect(guessSeparator('name\tnumber')).toBe('\t');
  });

  it('refuses an unclosed quote and files over the limits, naming the row', () => {
    expect(() => parseCsv('nom;numéro\nx;"06')).toThrow(CsvError);
    expect(() => parseCsv('a\nb\nc\nd', { limits: { maxRecords: 3 } })).toThrow(/more than 2 rows/);
    expect(() => parseCsv('a;b;c', { limits: { maxFields: 2 } })).toThrow(/columns/);
    expect(() => parseCsv(`x;${'9'.repeat(20)}`, { limits: { maxFieldLength: 10 } })).toThrow(/longer than 10/);
  });

  it('takes linear time on quote-heavy input (1 MB in well under a second)', () => {
    const text = '"'.repeat(2) + ';"a""'.repeat(170_000) + '"';
    const started = performance.now();
    parseCsv(text, { limits: { maxFields: 1_000_000, maxFieldLength: 2_000_000 } });
    expect(performance.now() - started).toBeLessThan(1500);
  });
});

describe('decodeCsvBytes', () => {
  it('strips a UTF-8 BOM, reads UTF-8, and falls back to Windows-1252 for "é" as one byte', () => {
    expect(decodeCsvBytes(new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from('Société')]))).toEqual({ text: 'Société', encoding: 'utf-8' });
    expect(decodeCsvBytes(new Uint8Array([0x53, 0x6f, 0x63, 0x69, 0xe9, 0x74, 0xe9]))).toEqual({ text: 'Société', encoding: 'windows-1252' });
    expect(decodeCsvBytes(new Uint8Array([0xff, 0xfe, ...Buffer.from('é', 'utf16le')])).text).toBe('é');
  });
});

describe('mapColumns', () => {
  it('knows French and English headers, with or without accents, numbered and kind-named number columns', () => {
    const map = mapColumns(['Nom', 'Société', 'Téléphone', 'Libellé', 'numero 2', 'Mobile', 'E-mail', 'Commentaire', 'Couleur']);
    expect(map.fields).toEqual({ name: 0, company: 1, email: 6, notes: 7 });
    expect(map.numbers).toEqual([{ column: 2, labelColumn: 3 }, { column: 4, labelColumn: undefined }, { column: 5, label: 'Mobile' }]);
    expect(map.ignored).toEqual(['Couleur']);
    expect(mapColumns(['name', 'company', 'phone', 'email']).fields).toEqual({ name: 0, company: 1, email: 3 });
  });
});

describe('csvCell (export)', () => {
  it('quotes separators and neutralises formulas but keeps +33 numbers as they are', () => {
    expect(csvCell('Dupont; Jean')).toBe('"Dupont; Jean"');
    expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvCell('+33 6 12 34 56 78')).toBe('+33 6 12 34 56 78');
    expect(csvCell('+cmd|calc')).toBe("'+cmd|calc");
  });
});
