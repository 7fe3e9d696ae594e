// The voicemails a user may see, newest first, one page at a time (keyset on createdAt, id),
// optionally one mailbox only and/or new (unlistened) only. Never loads the audio. The admin
// page and GET /api/voicemails both call this; so does the live-call test of the runtime.
import { ApiError } from '@/app/lib/api/errors';
import type { Db } from '@/app/lib/db/transaction';
import { getPrisma } from '@/prisma/client';
import type { Prisma } from '@/prisma/generated/client';
import { voicemailAccess, type VoicemailReader } from './voicemail-access';
import { toVoicemailView, voicemailSelect, type VoicemailView } from './voicemail-view';

export interface ListVoicemailsQuery {
  /** `agent:<id>` or `group:<id>`. */
  mailbox?: string;
  /** Only messages nobody listened to yet. */
  unread?: boolean;
  /** The `nextCursor` of the previous page. */
  cursor?: string;
  /** 1 to 200, default 50. */
  limit?: number;
}

export interface VoicemailPage {
  voicemails: VoicemailView[];
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  nextCursor: string | null;
  /** New messages in every mailbox the user sees (filters ignored): the navigation's badge. */
  unreadCount: number;
}

export const VOICEMAIL_PAGE_SIZE = 50;

/** `agent:<id>` / `group:<id>` → a filter; anything else is a 400 on `/mailbox`. */
export function parseMailbox(mailbox: string): Prisma.VoicemailWhereInput {
  const match = /^(agent|group):(\S+)$/.exec(mailbox);
  if (!match) throw new ApiError('VALIDATION_FAILED', 'mailbox must be "agent:<id>" or "group:<id>"', { path: '/mailbox' });
  return match[1] === 'agent' ? { mailboxKind: 'agent', agentId: match[2] } : { mailboxKind: 'group', groupId: match[2] };
}

export async function listVoicemails(user: VoicemailReader, query: ListVoicemailsQuery = {}, db: Db = getPrisma()): Promise<VoicemailPage> {
  const limit = query.limit ?? VOICEMAIL_PAGE_SIZE;
  if (!Number.isInteger(limit) || limit < 1 || limit > 200) {
    throw new ApiError('VALIDATION_FAILED', 'limit must be an integer from 1 to 200', { path: '/limit' });
  }
  const access = await voicemailAccess(db, user);
  const filters: Prisma.VoicemailWhereInput[] = [access.where];
  if (query.mailbox) filters.push(parseMailbox(query.mailbox));
  if (query.unread) filters.push({ listenedAt: null });
  if (query.cursor) {
    const cursor = await db.voicemail.findFirst({ where: { AND: [access.where, { id: query.cursor }] }, select: { id: true, createdAt: true } });
    if (!cursor) throw new ApiError('VALIDATION_FAILED', 'cursor is unknown; use the nextCursor of the previous page', { path: '/cursor' });
    filters.push({ OR: [{ createdAt: { lt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { lt: cursor.id } }] });
  }
  const [rows, unreadCount] = await Promise.all([
    db.voicemail.findMany({ where: { AND: filters }, select: voicemailSelect, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: limit + 1 }),
    db.voicemail.count({ where: { AND: [access.where, { listenedAt: null }] } }),
  ]);
  const page = rows.slice(0, limit);
  return {
    voicemails: page.map(toVoicemailView),
    nextCursor: rows.length > limit ? page[page.length - 1].id : null,
    unreadCount,
  };
}
