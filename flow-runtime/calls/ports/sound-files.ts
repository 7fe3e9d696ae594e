// Uploaded sounds (Sound.data, 8 kHz WAV bytes) as files the media layer can play: written once
// to <cacheDir>/sounds/ under a name that includes a hash of the bytes, so a replaced sound
// gets a new file (the prompt library's memory cache is keyed by path).
import { createHash } from 'node:crypto';
import { mkdir, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { PrismaClient } from '../../../prisma/client';

export class SoundFiles {
  private readonly dir: string;

  constructor(private readonly prisma: PrismaClient, cacheDir: string) {
    this.dir = path.join(cacheDir, 'sounds');
  }

  /** The file of the sound, or null when it does not exist (the prompt is skipped). */
  async path(soundId: string): Promise<string | null> {
    const sound = await this.prisma.sound.findUnique({ where: { id: soundId }, select: { data: true } });
    if (!sound) return null;
    const bytes = Buffer.from(sound.data);
    const file = path.join(this.dir, `sound-${soundId}-${createHash('sha256').update(bytes).digest('hex').slice(0, 16)}.wav`);
    try {
      await stat(file);
      return file;
    } catch {
      await mkdir(this.dir, { recursive: true });
      const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
      await writeFile(tmp, bytes);
      await rename(tmp, file);
      return file;
    }
  }
}
