// Limits on the admin's text-to-speech (GET /api/tts), which any signed-in user may call:
// - per user, a token bucket: RELAIS_TTS_BURST requests at once (default 20), refilled at
//   RELAIS_TTS_PER_MINUTE (default 20); over it, 429 TOO_MANY_REQUESTS with Retry-After.
//   Cached texts count too: the point is a bound per user, not guessing what is cached.
// - per process, at most 2 syntheses run at once (the machine's cores) and 16 wait; more
//   answer 429 as well, so a burst from several users cannot pile up work.
// The bucket table is bounded (10,000 users, least recently seen dropped first).
import { ApiError } from '@/app/lib/api/errors';

function envNumber(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly capacity: number,
    private readonly perMinute: number,
    private readonly maxKeys = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes one token; returns 0 when granted, else the seconds until one is available. */
  take(key: string): number {
    const now = this.now();
    const previous = this.buckets.get(key);
    const refilled = previous ? Math.min(this.capacity, previous.tokens + ((now - previous.at) / 60_000) * this.perMinute) : this.capacity;
    this.buckets.delete(key);
    if (refilled < 1) {
      this.buckets.set(key, { tokens: refilled, at: now });
      return Math.max(1, Math.ceil(((1 - refilled) * 60) / this.perMinute));
    }
    this.buckets.set(key, { tokens: refilled - 1, at: now });
    while (this.buckets.size > this.maxKeys) this.buckets.delete(this.buckets.keys().next().value as string);
    return 0;
  }
}

/** Runs at most `running` jobs at once with at most `waiting` queued; beyond, refuses at once. */
export class BoundedConcurrency {
  private active = 0;
  private readonly queue: (() => void)[] = [];

  constructor(
    private readonly running: number,
    private readonly waiting: number,
  ) {}

  async run<T>(job: () => Promise<T>): Promise<T> {
    if (this.active >= this.running) {
      if (this.queue.length >= this.waiting) {
        throw new ApiError('TOO_MANY_REQUESTS', 'Speech synthesis is busy; try again in a few seconds', { details: { retryAfter: 2 } });
      }
      await new Promise<void>((resolve) => this.queue.push(resolve));
    } else {
      this.active++;
    }
    try {
      return await job();
    } finally {
      // Hand the slot to the next waiting job, or free it.
      const next = this.queue.shift();
      if (next) next();
      else this.active--;
    }
  }
}

const globalTts = globalThis as unknown as { relaisTtsBuckets?: TokenBuckets; relaisTtsSlots?: BoundedConcurrency };

/** Throws 429 when the user has used up their text-to-speech allowance for now. */
export function takeTtsToken(userId: string): void {
  globalTts.relaisTtsBuckets ??= new TokenBuckets(envNumber('RELAIS_TTS_BURST', 20), envNumber('RELAIS_TTS_PER_MINUTE', 20));
  const retryAfter = globalTts.relaisTtsBuckets.take(userId);
  if (retryAfter > 0) {
    throw new ApiError('TOO_MANY_REQUESTS', `Too many text-to-speech requests; try again in ${retryAfter} s`, { details: { retryAfter } });
  }
}

/** The process-wide bound on concurrent syntheses. */
export function ttsSlots(): BoundedConcurrency {
  globalTts.relaisTtsSlots ??= new BoundedConcurrency(2, 16);
  return globalTts.relaisTtsSlots;
}
