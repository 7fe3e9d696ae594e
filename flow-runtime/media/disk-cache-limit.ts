// Keeps a disk cache folder under a size cap, dropping the least recently used entries first.
// Used by the admin's text-to-speech cache (app/lib/tts) and the runtime's prompt cache
// (prompt-library.ts): without it both grow with every distinct text ever spoken.
// "Recently used" is the file's modification time: a cache hit calls touch(), which sets it to
// now (access times are unreliable: most disks are mounted noatime or relatime).
// Eviction runs after writes, one pass at a time per folder; a pass lists the folder once
// (entries matching `pattern` only, so temporary files and anything else are left alone).
import { readdir, stat, unlink, utimes } from 'node:fs/promises';
import path from 'node:path';

export interface DiskCacheLimitOptions {
  dir: string;
  /** Total size the matching entries may take, in bytes. */
  maxBytes: number;
  /** Which files are cache entries (default: `<prefix>-<64 hex>.wav`). */
  pattern?: RegExp;
}

const DEFAULT_PATTERN = /^[a-z]+-[0-9a-f]{64}\.wav$/;

/** Reads a size in MB from the environment (e.g. RELAIS_TTS_CACHE_MAX_MB); the default when unset. */
export function cacheMaxBytesFromEnv(name: string, defaultMb: number, env: NodeJS.ProcessEnv = process.env): number {
  const raw = env[name]?.trim();
  if (!raw) return defaultMb * 1024 * 1024;
  const mb = Number(raw);
  if (!Number.isFinite(mb) || mb <= 0) throw new Error(`${name} must be a positive number of MB, got "${raw}"`);
  return Math.floor(mb * 1024 * 1024);
}

export class DiskCacheLimit {
  readonly dir: string;
  readonly maxBytes: number;
  private readonly pattern: RegExp;
  private running: Promise<void> | null = null;
  private again = false;

  constructor(options: DiskCacheLimitOptions) {
    this.dir = options.dir;
    this.maxBytes = options.maxBytes;
    this.pattern = options.pattern ?? DEFAULT_PATTERN;
  }

  /** Marks an entry as just used (a cache hit), so it is evicted last. Errors are ignored. */
  async touch(file: string): Promise<void> {
    const now = new Date();
    await utimes(file, now, now).catch(() => undefined);
  }

  /** After a write: trims the folder in the background (at most one pass running, one queued). */
  afterWrite(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          await this.trim();
        } while (this.again);
      } catch (err) {
        console.warn(`cache: could not trim ${this.dir}:`, err);
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }

  /** Deletes the least recently used entries until the folder fits the cap; returns what it removed. */
  async trim(): Promise<{ removed: string[]; bytes: number }> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    const entries: { name: string; size: number; used: number }[] = [];
    for (const name of names) {
      if (!this.pattern.test(name)) continue;
      const info = await stat(path.join(this.dir, name)).catch(() => null);
      if (info?.isFile()) entries.push({ name, size: info.size, used: info.mtimeMs });
    }
    let bytes = entries.reduce((sum, e) => sum + e.size, 0);
    const removed: string[] = [];
    if (bytes <= this.maxBytes) return { removed, bytes };
    entries.sort((a, b) => a.used - b.used);
    for (const entry of entries) {
      if (bytes <= this.maxBytes) break;
      await unlink(path.join(this.dir, entry.name)).catch(() => undefined);
      bytes -= entry.size;
      removed.push(entry.name);
    }
    return { removed, bytes };
  }
}
