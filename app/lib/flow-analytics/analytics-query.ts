// The query of GET /api/flows/:id/analytics, checked at the boundary: `from` and `to` (the period,
// startedAt in [from, to)), `versionId` (optional). A date-time needs its offset (`Z`, `+01:00`);
// a plain date (`2026-12-01`) is midnight of that day in the organisation's time zone, so
// `from=2026-12-01&to=2026-12-08` is the week of 1–7 December as the contact centre lives it.
// Without a period: the last 7 days up to now.
import { DateTime } from 'luxon';
import { ApiError } from '@/app/lib/api/errors';

export interface FlowAnalyticsQuery {
  from: Date;
  to: Date;
  versionId: string | null;
}

/** The longest period one request may cover (a year and a day: "last 12 months" with DST margins). */
export const MAX_PERIOD_DAYS = 367;
export const DEFAULT_PERIOD_DAYS = 7;

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;
const ID = /^[A-Za-z0-9_-]{1,64}$/;

function parseInstant(field: 'from' | 'to', value: string, timezone: string): Date {
  if (DATE_ONLY.test(value)) {
    const day = DateTime.fromISO(value, { zone: timezone });
    if (day.isValid) return day.startOf('day').toJSDate();
  } else if (DATE_TIME.test(value)) {
    const instant = DateTime.fromISO(value, { setZone: true });
    if (instant.isValid) return instant.toJSDate();
  }
  throw new ApiError('VALIDATION_FAILED', `${field} must be a date (2026-12-01, midnight in the organisation's time zone) or a date-time with its offset (2026-12-01T08:00:00Z)`, { path: `/${field}` });
}

export function parseFlowAnalyticsQuery(params: URLSearchParams, timezone: string, now = new Date()): FlowAnalyticsQuery {
  const rawFrom = params.get('from');
  const rawTo = params.get('to');
  const rawVersion = params.get('versionId');
  const to = rawTo ? parseInstant('to', rawTo, timezone) : now;
  const from = rawFrom ? parseInstant('from', rawFrom, timezone) : new Date(to.getTime() - DEFAULT_PERIOD_DAYS * 86_400_000);
  if (from.getTime() >= to.getTime()) throw new ApiError('VALIDATION_FAILED', 'from must be before to', { path: '/from' });
  if (to.getTime() - from.getTime() > MAX_PERIOD_DAYS * 86_400_000) {
    throw new ApiError('VALIDATION_FAILED', `The period may cover ${MAX_PERIOD_DAYS} days at most`, { path: '/to' });
  }
  if (rawVersion !== null && !ID.test(rawVersion)) throw new ApiError('VALIDATION_FAILED', 'versionId must be the id of one of the flow’s versions', { path: '/versionId' });
  return { from, to, versionId: rawVersion || null };
}
