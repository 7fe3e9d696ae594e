// Small formatting helpers of the call history pages (server and client alike).

/** 7 080 ms → "0:07"; an hour or more → "1:02:03"; null → null. */
export function formatDuration(ms: number | null): string | null {
  if (ms === null) return null;
  const total = Math.round(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** The query string of the history's filters (empty values left out), plus extras (cursor, lang). */
export function filterQuery(filters: Record<string, string | undefined>, extra: Record<string, string> = {}): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...filters, ...extra })) if (value) query.set(key, value);
  return query.toString();
}
