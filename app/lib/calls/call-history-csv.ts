// The call history as CSV (GET /api/calls/export.csv): every call matching the filters, newest
// first, streamed page by page (1,000 calls per query through listCalls' keyset), so a year of
// calls never sits in memory. Column headers and outcome labels in the user's language (or
// ?lang=fr|en).
//
// Format, chosen for the spreadsheet the user opens it with:
// - French: ";" between fields (French Excel reads "," as the decimal separator); English: ",".
// - UTF-8 with a byte order mark, so Excel shows accents and "é" right.
// - Dates in the organisation's time zone as "2026-12-07 09:15:03"; durations in whole seconds.
// - A field is quoted when it holds the separator, a quote or a line break (RFC 4180); a text
//   field starting with = + - @ that is not a number gets a leading "'" so a spreadsheet never
//   runs it as a formula (phone numbers such as +33612345678 are left as they are).
import { createTranslator } from 'next-intl';
import type { AppLocale } from '@/app/i18n/config';
import { loadMessages } from '@/app/i18n/messages';
import type { Db } from '@/app/lib/db/transaction';
import { listCalls, type CallHistoryFilters, type CallHistoryRow } from './call-history';

const EXPORT_PAGE = 1000;

export const CSV_COLUMNS = [
  'startedAt', 'caller', 'entryNumber', 'flow', 'flowVersion', 'canary', 'outcome', 'waitSeconds', 'talkSeconds',
  'durationSeconds', 'group', 'agents', 'transfers', 'voicemails', 'recordings', 'callId',
] as const;

export function csvSeparator(locale: AppLocale): string {
  return locale === 'fr' ? ';' : ',';
}

/** One CSV field: quoted when needed, formula-looking text defused. */
export function csvField(value: string | number | null, separator: string): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text) && !/^[+-]?[0-9]+$/.test(text)) text = `'${text}`;
  return text.includes(separator) || /["\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** "2026-12-07 09:15:03" in `timeZone`. */
export function csvDateTime(date: Date, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' })
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
}

const seconds = (ms: number | null) => (ms === null ? null : Math.round(ms / 1000));

/** The export as a stream of UTF-8 bytes. */
export async function callHistoryCsv(
  db: Db,
  organizationId: string,
  filters: CallHistoryFilters,
  options: { locale: AppLocale; timeZone: string },
): Promise<ReadableStream<Uint8Array>> {
  const messages = await loadMessages(options.locale);
  const t = createTranslator({ locale: options.locale, messages, namespace: 'callHistory' });
  const canaryTag = createTranslator({ locale: options.locale, messages, namespace: 'canary' })('column.canary');
  const separator = csvSeparator(options.locale);
  const line = (fields: (string | number | null)[]) => fields.map((f) => csvField(f, separator)).join(separator) + '\r\n';
  const deleted = t('deleted');
  const name = (ref: { name: string | null } | null) => (ref ? (ref.name ?? deleted) : null);
  const row = (c: CallHistoryRow) =>
    line([
      csvDateTime(c.startedAt, options.timeZone),
      c.caller ?? t('withheld'),
      c.entryNumber,
      name(c.flow),
      c.flowVersionNumber,
      c.canary ? canaryTag : null,
      t(`outcomes.${c.outcome}`),
      seconds(c.waitMs),
      seconds(c.talkMs),
      seconds(c.durationMs),
      name(c.group),
      c.agents.map((a) => a.name ?? deleted).join(', '),
      c.transferCount,
      c.voicemails.length,
      c.recordings.length,
      c.id,
    ]);
  const encoder = new TextEncoder();
  let cursor: string | undefined;
  let started = false;
  let done = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode('\uFEFF' + line(CSV_COLUMNS.map((c) => t(`csv.${c}`)))));
        return;
      }
      if (done) return controller.close();
      const page = await listCalls(db, organizationId, filters, { cursor, limit: EXPORT_PAGE });
      if (page.items.length > 0) controller.enqueue(encoder.encode(page.items.map(row).join('')));
      cursor = page.nextCursor ?? undefined;
      if (!page.nextCursor) done = true;
    },
  });
}
