// Voicemail: the messages callers left in the mailboxes the user sees, newest first, with a
// player, filters (mailbox, new only) in the URL and the list function the API uses.
import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { ApiError } from '@/app/lib/api/errors';
import { listVoicemailMailboxes } from '@/app/lib/voicemails/list-voicemail-mailboxes';
import { listVoicemails, type VoicemailPage } from '@/app/lib/voicemails/list-voicemails';
import { canDeleteVoicemail, voicemailAccess } from '@/app/lib/voicemails/voicemail-access';
import { getPrisma } from '@/prisma/client';
import { requireSection } from '../require-section';
import { VoicemailsList } from './voicemails-list';

type Props = { searchParams: Promise<{ mailbox?: string; unread?: string; cursor?: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('voicemails'))('title') };
}

export default async function VoicemailsPage({ searchParams }: Props) {
  const { user } = await requireSection('voicemails');
  const params = await searchParams;
  const unread = params.unread === '1';
  const mailboxes = await listVoicemailMailboxes(user);
  // A stale link (deleted mailbox, unknown cursor) shows the first page rather than an error.
  const mailbox = mailboxes.some((m) => m.value === params.mailbox) ? params.mailbox : undefined;
  let page: VoicemailPage;
  try {
    page = await listVoicemails(user, { mailbox, unread, cursor: params.cursor || undefined });
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    page = await listVoicemails(user, { mailbox, unread });
  }
  const access = await voicemailAccess(getPrisma(), user);
  const rows = page.voicemails.map((v) => ({ ...v, deletable: canDeleteVoicemail(access, { mailboxKind: v.mailbox.kind, agentId: v.mailbox.id }) }));
  return (
    <VoicemailsList
      rows={rows}
      mailboxes={mailboxes}
      filter={{ mailbox: mailbox ?? '', unread }}
      unreadCount={page.unreadCount}
      nextCursor={page.nextCursor}
      isFirstPage={!params.cursor}
    />
  );
}
