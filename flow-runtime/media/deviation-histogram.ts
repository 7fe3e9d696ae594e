// Fixed-bucket histogram of send-time deviations (0.05 ms buckets up to 100 ms, one overflow
// bucket): O(1) record, no allocation per packet, percentiles good to one bucket.
import type { PacingStats } from './media-endpoint';

const BUCKET_MS = 0.05;
const BUCKETS = 2000;

export class DeviationHistogram {
  private counts = new Uint32Array(BUCKETS + 1);
  private total = 0;
  private max = 0;

  record(deviationMs: number): void {
    const d = Math.abs(deviationMs);
    const i = Math.min(BUCKETS, Math.floor(d / BUCKET_MS));
    this.counts[i]++;
    this.total++;
    if (d > this.max) this.max = d;
  }

  /** Adds another histogram's counts into this one. */
  merge(other: DeviationHistogram): void {
    for (let i = 0; i <= BUCKETS; i++) this.counts[i] += other.counts[i];
    this.total += other.total;
    this.max = Math.max(this.max, other.max);
  }

  reset(): void {
    this.counts.fill(0);
    this.total = 0;
    this.max = 0;
  }

  percentile(p: number): number {
    if (this.total === 0) return 0;
    const rank = Math.ceil((p / 100) * this.total);
    let seen = 0;
    for (let i = 0; i <= BUCKETS; i++) {
      seen += this.counts[i];
      if (seen >= rank) return i === BUCKETS ? this.max : Math.min(this.max, (i + 1) * BUCKET_MS);
    }
    return this.max;
  }

  stats(): PacingStats {
    return { samples: this.total, p50Ms: round(this.percentile(50)), p99Ms: round(this.percentile(99)), maxMs: round(this.max) };
  }
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}
