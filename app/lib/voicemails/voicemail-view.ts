// What the admin shows of a voicemail: everything but the audio bytes, with the mailbox's name.
import type { MailboxKind } from '@/prisma/generated/client';

/** Every column but `audio`: lists never load the recordings. */
export const voicemailSelect = {
  id: true,
  callId: true,
  mailboxKind: true,
  agentId: true,
  groupId: true,
  mailboxName: true,
  caller: true,
  durationMs: true,
  createdAt: true,
  listenedAt: true,
  agent: { select: { name: true } },
  group: { select: { name: true } },
} as const;

export interface VoicemailMailbox {
  kind: MailboxKind;
  /** The agent's or group's id; null when it was deleted since. */
  id: string | null;
  /** Its name; null when it was deleted since. */
  name: string | null;
  /** When it was deleted since: the name it had (null for messages older than issue 16). */
  deletedName: string | null;
}

export interface VoicemailView {
  id: string;
  callId: string | null;
  /** The caller's number as received (null when withheld). */
  caller: string | null;
  durationMs: number;
  createdAt: Date;
  listened: boolean;
  listenedAt: Date | null;
  mailbox: VoicemailMailbox;
  /** The recording (8 kHz mono 16-bit WAV); supports HTTP Range. */
  audioUrl: string;
}

interface VoicemailRow {
  id: string;
  callId: string | null;
  mailboxKind: MailboxKind;
  agentId: string | null;
  groupId: string | null;
  mailboxName: string | null;
  caller: string | null;
  durationMs: number;
  createdAt: Date;
  listenedAt: Date | null;
  agent: { name: string } | null;
  group: { name: string } | null;
}

export function toVoicemailView(row: VoicemailRow): VoicemailView {
  const mailbox: VoicemailMailbox =
    row.mailboxKind === 'agent'
      ? { kind: 'agent', id: row.agentId, name: row.agent?.name ?? null, deletedName: row.agent ? null : row.mailboxName }
      : { kind: 'group', id: row.groupId, name: row.group?.name ?? null, deletedName: row.group ? null : row.mailboxName };
  return {
    id: row.id,
    callId: row.callId,
    caller: row.caller,
    durationMs: row.durationMs,
    createdAt: row.createdAt,
    listened: row.listenedAt !== null,
    listenedAt: row.listenedAt,
    mailbox,
    audioUrl: `/api/voicemails/${row.id}/audio`,
  };
}
