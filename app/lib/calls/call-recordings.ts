// Call recordings (issue 13 item 6) as the API shows them: GET /api/calls/:id/recordings (the
// list, without the audio) and GET /api/recordings/:id/audio (the WAV, with Range through the
// voicemails' byte-range helper). Who sees what: ./call-access.ts (others: 404).
import { notFound } from '@/app/lib/api/errors';
import type { CurrentUser } from '@/app/lib/auth/current-user';
import { getPrisma, type PrismaClient } from '@/prisma/client';
import { recordingWhere, visibleCall } from './call-access';

type Reader = Pick<CurrentUser, 'id' | 'organizationId' | 'role'>;

export interface CallRecordingView {
  id: string;
  callId: string;
  agentId: string | null;
  startedBy: string;
  startedByUserId: string | null;
  startedByAgentId: string | null;
  startedAt: Date;
  endedAt: Date;
  durationMs: number;
  endReason: string;
  audioUrl: string;
}

export async function listCallRecordings(user: Reader, callId: string, prisma: PrismaClient = getPrisma()): Promise<{ recordings: CallRecordingView[] }> {
  if (!(await visibleCall(prisma, user, callId))) throw notFound('Call', callId);
  const where = await recordingWhere(prisma, user);
  const rows = await prisma.callRecording.findMany({
    where: { AND: [where, { callId }] },
    orderBy: { startedAt: 'asc' },
    select: { id: true, callId: true, agentId: true, startedBy: true, startedByUserId: true, startedByAgentId: true, startedAt: true, endedAt: true, durationMs: true, endReason: true },
  });
  return { recordings: rows.map((r) => ({ ...r, audioUrl: `/api/recordings/${r.id}/audio` })) };
}

export async function getRecordingAudio(user: Reader, id: string, prisma: PrismaClient = getPrisma()): Promise<{ data: Uint8Array; startedAt: Date; callId: string }> {
  const where = await recordingWhere(prisma, user);
  const row = await prisma.callRecording.findFirst({ where: { AND: [where, { id }] }, select: { audio: true, startedAt: true, callId: true } });
  if (!row) throw notFound('Recording', id);
  return { data: row.audio, startedAt: row.startedAt, callId: row.callId };
}

/** "call-recording-20261207-0712-<id>.wav" (UTC), safe in a Content-Disposition. */
export function recordingFileName(r: { startedAt: Date }, id: string): string {
  const stamp = r.startedAt.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 13);
  return `call-recording-${stamp}-${id.replace(/[^0-9A-Za-z]/g, '')}.wav`;
}
