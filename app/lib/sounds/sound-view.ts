import { notFound } from '@/app/lib/api/errors';
import type { Db } from '@/app/lib/db/transaction';

/** Everything but the audio bytes. */
export const soundSelect = {
  id: true,
  name: true,
  language: true,
  originalName: true,
  mimeType: true,
  durationMs: true,
  createdAt: true,
} as const;

export interface SoundView {
  id: string;
  name: string;
  language: string;
  originalName: string | null;
  mimeType: string;
  durationMs: number;
  createdAt: Date;
  /** Where to fetch the audio (8 kHz mono WAV). */
  audioUrl: string;
}

export function toSoundView(row: Omit<SoundView, 'audioUrl'>): SoundView {
  return { ...row, audioUrl: `/api/sounds/${row.id}/audio` };
}

export async function loadSoundView(db: Db, organizationId: string, id: string): Promise<SoundView> {
  const row = await db.sound.findFirst({ where: { id, organizationId }, select: soundSelect });
  if (!row) throw notFound('Sound', id);
  return toSoundView(row);
}
