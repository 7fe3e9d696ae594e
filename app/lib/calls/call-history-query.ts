// The call history's query string (GET /api/calls, the CSV export and the /calls page share it):
// from, to, number, flowId, groupId, agentId, outcome, caller, version (live|canary), cursor, limit. Each bad value is
// a 400 VALIDATION_FAILED naming its parameter (`path: "/from"`).
//
// Period: a date-time with an offset ("2026-12-07T08:00:00Z") is that instant; a day alone
// ("2026-12-07") is read in the organisation's time zone: `from` is the start of that day, `to`
// the end of it, so ?from=2026-12-01&to=2026-12-07 is the whole first week. Calls started in
// [from, to) are listed.
import { DateTime } from 'luxon';
import { ApiError } from '@/app/lib/api/errors';
import { CALL_HISTORY_MAX_LIMIT, CALL_HISTORY_OUTCOMES, CALL_HISTORY_VERSION_KINDS, type CallHistoryVersionKind, decodeCursor, type CallHistoryFilters, type CallHistoryOutcome, type CallHistoryPageRequest } from './call-history';

export const CALL_HISTORY_PARAMS = ['from', 'to', 'number', 'flowId', 'groupId', 'agentId', 'outcome', 'caller', 'version'] as const;

const invalid = (name: string, message: string) => new ApiError('VALIDATION_FAILED', message, { path: `/${name}` });

function parseInstant(name: 'from' | 'to', value: string, timeZone: string): Date {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const day = DateTime.fromISO(value, { zone: timeZone });
    if (!day.isValid) throw invalid(name, `${name} is not a valid day: use YYYY-MM-DD or an ISO 8601 date-time`);
    return (name === 'from' ? day.startOf('day') : day.plus({ days: 1 }).startOf('day')).toJSDate();
  }
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/.test(value)) {
    const instant = DateTime.fromISO(value, { setZone: true });
    if (instant.isValid) return instant.toJSDate();
  }
  throw invalid(name, `${name} must be a day (YYYY-MM-DD, in the organisation's time zone) or an ISO 8601 date-time with an offset`);
}

function parseId(name: string, value: string): string {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(value)) throw invalid(name, `${name} is not an id`);
  return value;
}

/** "06 12 34 56 78", "+33 6 12-34" → the characters a stored number is made of. */
export function normalizeCallerSearch(value: string): string {
  const text = value.trim();
  return /^[+0-9 .()-]+$/.test(text) ? text.replace(/[ .()-]/g, '').replace(/^00/, '+') : text;
}

export interface CallHistoryQuery {
  filters: CallHistoryFilters;
  page: CallHistoryPageRequest;
}

/** Reads and checks the query string; `timeZone` is the organisation's (for days). */
export function parseCallHistoryQuery(query: URLSearchParams, timeZone: string): CallHistoryQuery {
  const get = (name: string) => {
    const value = query.get(name);
    return value === null || value.trim() === '' ? undefined : value.trim();
  };
  const filters: CallHistoryFilters = {};
  const from = get('from');
  const to = get('to');
  if (from) filters.from = parseInstant('from', from, timeZone);
  if (to) filters.to = parseInstant('to', to, timeZone);
  if (filters.from && filters.to && filters.to <= filters.from) throw invalid('to', 'to must be after from');
  const number = get('number');
  if (number) {
    if (!/^\+?[0-9]{2,20}$/.test(number)) throw invalid('number', 'number must be a phone number in E.164 form, e.g. +33199001234');
    filters.entryNumber = number;
  }
  for (const name of ['flowId', 'groupId', 'agentId'] as const) {
    const value = get(name);
    if (value) filters[name] = parseId(name, value);
  }
  const outcome = get('outcome');
  if (outcome) {
    if (!(CALL_HISTORY_OUTCOMES as readonly string[]).includes(outcome)) throw invalid('outcome', `outcome must be one of ${CALL_HISTORY_OUTCOMES.join(', ')}`);
    filters.outcome = outcome as CallHistoryOutcome;
  }
  const caller = get('caller');
  if (caller) {
    const normalized = normalizeCallerSearch(caller);
    if (normalized.length > 64 || normalized.length === 0) throw invalid('caller', 'caller must be 1 to 64 characters (a number or the start of one)');
    filters.caller = normalized;
  }
  const version = get('version');
  if (version) {
    if (!(CALL_HISTORY_VERSION_KINDS as readonly string[]).includes(version)) throw invalid('version', `version must be one of ${CALL_HISTORY_VERSION_KINDS.join(', ')}`);
    filters.version = version as CallHistoryVersionKind;
  }
  const page: CallHistoryPageRequest = {};
  const cursor = get('cursor');
  if (cursor) {
    decodeCursor(cursor);
    page.cursor = cursor;
  }
  const limit = get('limit');
  if (limit !== undefined) {
    if (!/^[0-9]{1,4}$/.test(limit) || Number(limit) < 1 || Number(limit) > CALL_HISTORY_MAX_LIMIT) throw invalid('limit', `limit must be an integer from 1 to ${CALL_HISTORY_MAX_LIMIT}`);
    page.limit = Number(limit);
  }
  return { filters, page };
}
