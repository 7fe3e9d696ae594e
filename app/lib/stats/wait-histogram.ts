// Waiting times of the rollup (stats-rollup.ts) are kept as counts per bucket, so that the
// 90th percentile of a month or a year is read from a few thousand rows: linear interpolation
// inside the bucket that holds the rank, as percentile_cont interpolates between values.
// The buckets are narrow where waits usually are (1–5 s under a minute) and wider after.
import { Prisma } from '@/prisma/generated/client';

/** Upper bounds (exclusive) of the buckets, in seconds; one more bucket holds the longer waits. */
export const WAIT_BUCKET_BOUNDS_S = [1, 2, 3, 5, 7, 10, 15, 20, 25, 30, 40, 50, 60, 75, 90, 120, 150, 180, 240, 300, 420, 600, 900, 1200, 1800, 3600];
export const WAIT_BUCKETS = WAIT_BUCKET_BOUNDS_S.length + 1;

const BOUNDS_SQL = `ARRAY[${WAIT_BUCKET_BOUNDS_S.map((s) => s * 1000).join(',')}]::int[]`;

/** SQL: the bucket (0 … WAIT_BUCKETS − 1) of a wait in ms; null for null. */
export function waitBucketSql(waitMs: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`width_bucket(${waitMs}, ${Prisma.raw(BOUNDS_SQL)})`;
}

/** SQL: the histogram (int[]) of the rows aggregated, from their bucket column (waitBucketSql). */
export function waitHistogramSql(bucket: Prisma.Sql): Prisma.Sql {
  const cells = Array.from({ length: WAIT_BUCKETS }, (_, i) => Prisma.sql`count(*) FILTER (WHERE ${bucket} = ${Prisma.raw(String(i))})::int`);
  return Prisma.sql`ARRAY[${Prisma.join(cells)}]`;
}

export function addHistograms(into: number[], add: number[]): number[] {
  for (let i = 0; i < WAIT_BUCKETS; i++) into[i] = (into[i] ?? 0) + (add[i] ?? 0);
  return into;
}

/**
 * The q-quantile (0..1) in ms of the waits counted in `histogram`, null when empty: as
 * percentile_cont, linear interpolation between the ordered values at ranks ⌊q(n−1)⌋ and
 * ⌈q(n−1)⌉, each value placed evenly inside its bucket.
 */
export function histogramQuantileMs(histogram: number[], q: number): number | null {
  const total = histogram.reduce((sum, n) => sum + n, 0);
  if (total === 0) return null;
  const rank = q * (total - 1);
  const below = valueAt(histogram, Math.floor(rank));
  const above = valueAt(histogram, Math.ceil(rank));
  return below + (rank - Math.floor(rank)) * (above - below);
}

/** The estimated k-th smallest wait (0-based). */
function valueAt(histogram: number[], k: number): number {
  let seen = 0;
  for (let i = 0; i < WAIT_BUCKETS; i++) {
    const n = histogram[i] ?? 0;
    if (k < seen + n) {
      const low = i === 0 ? 0 : WAIT_BUCKET_BOUNDS_S[i - 1] * 1000;
      if (i === WAIT_BUCKETS - 1) return low;
      const high = WAIT_BUCKET_BOUNDS_S[i] * 1000;
      return low + ((k - seen + 0.5) / n) * (high - low);
    }
    seen += n;
  }
  return WAIT_BUCKET_BOUNDS_S[WAIT_BUCKET_BOUNDS_S.length - 1] * 1000;
}
