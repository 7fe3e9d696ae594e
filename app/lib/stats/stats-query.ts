// Reads and checks the query string of GET /api/stats and /api/stats/export.csv; a bad
// parameter is a 400 VALIDATION_FAILED whose `path` names it (/from, /compareTo, /by, /tz…).
import { ApiError } from '@/app/lib/api/errors';
import type { StatsRequest } from './compute-stats';
import { isDay, isTimeZone, type DayRange } from './stats-period';
import { STATS_DIMENSIONS, type StatsDimension } from './stats-sql';

/** The longest period (and comparison period) one report covers. */
export const MAX_PERIOD_DAYS = 731;

function fail(field: string, message: string): never {
  throw new ApiError('VALIDATION_FAILED', `${field}: ${message}`, { path: `/${field}`, problems: [{ severity: 'error', code: 'query.invalid', message, path: `/${field}` }] });
}

function readRange(query: URLSearchParams, fromField: string, toField: string): DayRange {
  const from = query.get(fromField);
  const to = query.get(toField);
  if (!from) fail(fromField, 'is required (a day, YYYY-MM-DD)');
  if (!isDay(from)) fail(fromField, 'must be a day, YYYY-MM-DD');
  if (!to) fail(toField, 'is required (a day, YYYY-MM-DD)');
  if (!isDay(to)) fail(toField, 'must be a day, YYYY-MM-DD');
  if (to < from) fail(toField, `must be on or after ${fromField} (${from})`);
  const days = (Date.parse(to) - Date.parse(from)) / 86_400_000 + 1;
  if (days > MAX_PERIOD_DAYS) fail(toField, `the period may cover at most ${MAX_PERIOD_DAYS} days (it covers ${days})`);
  return { from, to };
}

export function parseStatsQuery(query: URLSearchParams, organizationTimezone: string): StatsRequest {
  const period = readRange(query, 'from', 'to');
  const hasComparison = query.has('compareFrom') || query.has('compareTo');
  const comparison = hasComparison ? readRange(query, 'compareFrom', 'compareTo') : null;
  const by = query.get('by') ?? 'group';
  if (!(STATS_DIMENSIONS as readonly string[]).includes(by)) fail('by', `must be one of ${STATS_DIMENSIONS.join(', ')}`);
  const tz = query.get('tz') || organizationTimezone;
  if (!isTimeZone(tz)) fail('tz', 'must be an IANA time zone such as Europe/Paris');
  return { period, comparison, by: by as StatsDimension, tz };
}
