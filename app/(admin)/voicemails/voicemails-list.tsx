'use client';
// The voicemail list: one row per message with its player. Playing a new message marks it
// listened (kept in local state, so a "new only" list does not lose the row being played);
// the row's button marks it new again. Filters live in the URL.
import Link from 'next/link';
import { useFormatter, useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { apiRequest } from '@/app/components/api-client';
import { ErrorAlert } from '@/app/components/error-alert';
import { VOICEMAILS_CHANGED } from '@/app/components/nav-links';
import { PageHeader } from '@/app/components/page-header';
import { ConfirmDeleteDialog } from '@/app/components/resources/confirm-delete';
import { ResourceTable } from '@/app/components/resources/resource-table';
import { RowButton } from '@/app/components/resources/row-button';
import type { MailboxOption } from '@/app/lib/voicemails/list-voicemail-mailboxes';
import type { VoicemailView } from '@/app/lib/voicemails/voicemail-view';

export type VoicemailRow = VoicemailView & { deletable: boolean };

export interface VoicemailsListProps {
  rows: VoicemailRow[];
  mailboxes: MailboxOption[];
  filter: { mailbox: string; unread: boolean };
  unreadCount: number;
  nextCursor: string | null;
  isFirstPage: boolean;
}

/** 7 080 ms → "0:07"; an hour or more → "1:02:03". */
export function formatDuration(ms: number): string {
  const total = Math.round(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

function filterUrl(filter: { mailbox: string; unread: boolean }, cursor?: string): string {
  const query = new URLSearchParams();
  if (filter.mailbox) query.set('mailbox', filter.mailbox);
  if (filter.unread) query.set('unread', '1');
  if (cursor) query.set('cursor', cursor);
  const text = query.toString();
  return text ? `/voicemails?${text}` : '/voicemails';
}

export function VoicemailsList({ rows, mailboxes, filter, unreadCount, nextCursor, isFirstPage }: VoicemailsListProps) {
  const t = useTranslations('voicemails');
  const tc = useTranslations('common');
  const tUsage = useTranslations('usage');
  const format = useFormatter();
  const router = useRouter();
  const [listened, setListened] = useState<Record<string, boolean>>({});
  const [error, setError] = useState<unknown>(null);
  const [deleting, setDeleting] = useState<VoicemailRow | null>(null);

  const isListened = (v: VoicemailRow) => listened[v.id] ?? v.listened;
  const callerName = (v: VoicemailRow) => v.caller ?? t('withheld');
  const when = (v: VoicemailRow) => format.dateTime(v.createdAt, { dateStyle: 'short', timeStyle: 'short' });
  const mailboxName = (v: VoicemailRow) =>
    v.mailbox.name !== null
      ? t(`mailboxOf.${v.mailbox.kind}`, { name: v.mailbox.name })
      : v.mailbox.deletedName
        ? tUsage(`deletedMailbox.${v.mailbox.kind}`, { name: v.mailbox.deletedName })
        : t(`deletedMailbox.${v.mailbox.kind}`);
  // The server's count, corrected by what was marked here since it was read.
  const unread = rows.reduce((count, v) => count + (v.listened ? 0 : -1) + (isListened(v) ? 0 : 1), unreadCount);

  async function mark(v: VoicemailRow, value: boolean) {
    const before = isListened(v);
    if (before === value) return;
    setListened((m) => ({ ...m, [v.id]: value }));
    setError(null);
    try {
      await apiRequest('PATCH', `/api/voicemails/${v.id}`, { listened: value });
      window.dispatchEvent(new Event(VOICEMAILS_CHANGED));
    } catch (err) {
      setListened((m) => ({ ...m, [v.id]: before }));
      setError(err);
    }
  }

  // Uncontrolled inputs (reset by their key when the URL changes): they show the choice at once.
  const go = (next: { mailbox: string; unread: boolean }) => router.push(filterUrl(next));
  const filtered = filter.mailbox !== '' || filter.unread;

  return (
    <>
      <PageHeader title={t('title')} intro={t('intro')} />
      <div className="inline-fields" role="search" aria-label={t('filters')}>
        <div className="field">
          <label htmlFor="voicemail-mailbox">{t('filterMailbox')}</label>
          <select id="voicemail-mailbox" key={filter.mailbox} defaultValue={filter.mailbox} onChange={(e) => go({ ...filter, mailbox: e.target.value })}>
            <option value="">{t('allMailboxes')}</option>
            {mailboxes.map((m) => (
              <option key={m.value} value={m.value}>
                {t(`mailboxOf.${m.kind}`, { name: m.name })}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label>
            <input type="checkbox" key={String(filter.unread)} defaultChecked={filter.unread} onChange={(e) => go({ ...filter, unread: e.target.checked })} /> {t('filterUnread')}
          </label>
        </div>
      </div>
      <p className="muted" role="status" data-testid="voicemail-unread-count">
        {t('unreadCount', { count: unread })}
      </p>
      <ErrorAlert error={error} />
      <ResourceTable
        rows={rows}
        rowTestId="voicemail-row"
        emptyMessage={filtered ? t('emptyFiltered') : t('empty')}
        emptyAction={
          filtered ? (
            <Link href="/voicemails" className="button">
              {t('showAll')}
            </Link>
          ) : undefined
        }
        caption={t('title')}
        columns={[
          {
            header: t('columns.status'),
            cell: (v) => (isListened(v) ? <span className="tag">{t('listened')}</span> : <span className="tag ok">{t('new')}</span>),
          },
          { header: t('columns.receivedAt'), cell: (v) => <time dateTime={new Date(v.createdAt).toISOString()}>{when(v)}</time> },
          { header: t('columns.caller'), cell: (v) => (v.caller ? v.caller : <span className="muted">{t('withheld')}</span>) },
          { header: t('columns.mailbox'), cell: (v) => mailboxName(v) },
          { header: t('columns.duration'), cell: (v) => <span aria-label={t('seconds', { count: Math.round(v.durationMs / 1000) })}>{formatDuration(v.durationMs)}</span> },
          {
            header: t('columns.listen'),
            cell: (v) => (
              <audio
                controls
                preload="none"
                style={{ width: '13rem' }}
                src={v.audioUrl}
                aria-label={t('listenFrom', { name: callerName(v), when: when(v) })}
                onPlay={() => void mark(v, true)}
              />
            ),
          },
        ]}
        actionsLabel={tc('actions')}
        actions={(v) => (
          // Wraps into a column on narrow screens rather than widening the table.
          <div className="row-actions-stack">
            <RowButton
              label={isListened(v) ? t('markUnreadNamed', { name: callerName(v) }) : t('markListenedNamed', { name: callerName(v) })}
              text={isListened(v) ? t('markUnread') : t('markListened')}
              onClick={() => void mark(v, !isListened(v))}
            />
            <a className="button small" href={`${v.audioUrl}?download=1`} download aria-label={t('downloadNamed', { name: callerName(v) })}>
              {t('download')}
            </a>
            {v.deletable && <RowButton label={t('deleteNamed', { name: callerName(v) })} text={tc('delete')} onClick={() => setDeleting(v)} />}
          </div>
        )}
      />
      {(nextCursor || !isFirstPage) && (
        <div className="button-row">
          {!isFirstPage && (
            <Link href={filterUrl(filter)} className="button">
              {t('newest')}
            </Link>
          )}
          {nextCursor && (
            <Link href={filterUrl(filter, nextCursor)} className="button">
              {t('older')}
            </Link>
          )}
        </div>
      )}
      <ConfirmDeleteDialog
        namespace="voicemails"
        target={deleting && { url: `/api/voicemails/${deleting.id}`, name: t('messageFrom', { name: callerName(deleting), when: when(deleting) }) }}
        onClose={() => {
          setDeleting(null);
          window.dispatchEvent(new Event(VOICEMAILS_CHANGED));
        }}
      />
    </>
  );
}
