// The disk caches (admin TTS, runtime prompts) stay under their size cap, dropping the least
// recently used entries first; a cache hit (touch) keeps an entry.
import { mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DiskCacheLimit } from '@/flow-runtime/media/disk-cache-limit';
import { PromptLibrary } from '@/flow-runtime/media/prompt-library';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function cacheDir() {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'relais-cache-'));
  dirs.push(dir);
  return dir;
}

const entry = (i: number) => `tts-${String(i).padStart(64, '0')}.wav`;

describe('DiskCacheLimit', () => {
  it('evicts the least recently used entries until the folder fits, leaving other files alone', async () => {
    const dir = await cacheDir();
    for (let i = 0; i < 5; i++) {
      await writeFile(path.join(dir, entry(i)), Buffer.alloc(1000));
      // Distinct use times, oldest first: entry 0 … entry 4.
      const at = new Date(Date.now() - (10 - i) * 60_000);
      await utimes(path.join(dir, entry(i)), at, at);
    }
    await writeFile(path.join(dir, '.tmp-unrelated.wav'), Buffer.alloc(5000));
    const limit = new DiskCacheLimit({ dir, maxBytes: 3000 });
    // Entry 0 is read (a hit): it becomes the most recently used.
    await limit.touch(path.join(dir, entry(0)));
    const { removed, bytes } = await limit.trim();
    expect(removed).toEqual([entry(1), entry(2)]);
    expect(bytes).toBe(3000);
    expect((await readdir(dir)).sort()).toEqual(['.tmp-unrelated.wav', entry(0), entry(3), entry(4)].sort());
  });

  it('bounds the runtime prompt cache the same way', async () => {
    const dir = await cacheDir();
    const library = new PromptLibrary({ cacheDir: dir, cacheMaxBytes: 1 });
    await library.synthesize('Bonjour', 'fr');
    // The write schedules a trim; with a 1-byte cap the entry cannot stay.
    await expect.poll(async () => (await readdir(dir)).filter((n) => n.endsWith('.wav')).length, { timeout: 20_000 }).toBe(0);
  });
});
