'use client';
// The organisation's webhooks: URL, events, state, failed/waiting deliveries; create and edit
// (dialog), the secret shown once after creation, delete, and a link to each one's deliveries.
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { ConfirmDeleteDialog } from '@/app/components/resources/confirm-delete';
import { ResourceListHeader } from '@/app/components/resources/resource-list-header';
import { ResourceTable } from '@/app/components/resources/resource-table';
import { RowButton } from '@/app/components/resources/row-button';
import { SecretDialog } from '@/app/components/secret-dialog';
import { EVENT_TYPES, eventKey } from './event-keys';
import { SignatureDoc } from './signature-doc';
import { WebhookDialog, type WebhookFormValue } from './webhook-dialog';

export interface WebhookRow {
  id: string;
  url: string;
  events: string[];
  active: boolean;
  description: string | null;
  secretPrefix: string;
  failedCount: number;
  pendingCount: number;
  createdAt: string;
  updatedAt: string;
}

export function WebhooksList({ webhooks, editable }: { webhooks: WebhookRow[]; editable: boolean }) {
  const t = useTranslations('webhooks');
  const tc = useTranslations('common');
  const router = useRouter();
  const [editing, setEditing] = useState<WebhookFormValue | null>(null);
  const [created, setCreated] = useState<{ url: string; secret: string } | null>(null);
  const [deleting, setDeleting] = useState<WebhookRow | null>(null);
  const name = (w: WebhookRow) => w.description ?? w.url;

  return (
    <>
      <ResourceListHeader title={t('title')} intro={t('intro')} editable={editable} createLabel={t('create')} onCreate={() => setEditing({ url: '', description: null, events: [...EVENT_TYPES], active: true })} />
      <ResourceTable
        rows={webhooks}
        rowTestId="webhook-row"
        emptyMessage={t('empty')}
        caption={t('title')}
        columns={[
          {
            header: t('fields.url'),
            cell: (w) => (
              <>
                <Link href={`/webhooks/${w.id}`}>
                  <code>{w.url}</code>
                </Link>
                {w.description && <div className="muted">{w.description}</div>}
              </>
            ),
          },
          { header: t('fields.events'), cell: (w) => w.events.map((e) => t(`eventNames.${eventKey(e)}`)).join(', ') },
          { header: t('fields.secret'), cell: (w) => <code>{w.secretPrefix}…</code> },
          {
            header: t('fields.status'),
            cell: (w) => (
              <div className="webhook-tags">
                {w.active ? <span className="tag ok">{t('active')}</span> : <span className="tag">{t('inactive')}</span>}
                {w.failedCount > 0 && <span className="tag failed">{t('failedCount', { count: w.failedCount })}</span>}
                {w.pendingCount > 0 && <span className="tag pending">{t('pendingCount', { count: w.pendingCount })}</span>}
              </div>
            ),
          },
        ]}
        actionsLabel={tc('actions')}
        actions={(w) => (
          <div className="row-actions-stack">
            <Link className="button small" href={`/webhooks/${w.id}`} aria-label={t('deliveriesNamed', { name: name(w) })}>
              {t('deliveries')}
            </Link>
            {editable && (
              <>
                <RowButton label={t('editNamed', { name: name(w) })} text={t('edit')} onClick={() => setEditing({ id: w.id, url: w.url, description: w.description, events: w.events, active: w.active })} />
                <RowButton label={t('deleteNamed', { name: name(w) })} text={tc('delete')} onClick={() => setDeleting(w)} />
              </>
            )}
          </div>
        )}
      />
      <SignatureDoc />
      <WebhookDialog
        key={editing ? (editing.id ?? 'new') : 'closed'}
        initial={editing}
        onClose={() => setEditing(null)}
        onSaved={(saved) => {
          setEditing(null);
          if (saved.secret) setCreated({ url: saved.url, secret: saved.secret });
          router.refresh();
        }}
      />
      <SecretDialog
        open={created !== null}
        title={t('createdTitle')}
        intro={created ? t('createdIntro', { url: created.url }) : ''}
        label={t('secretLabel')}
        secret={created?.secret ?? ''}
        onClose={() => setCreated(null)}
      />
      <ConfirmDeleteDialog namespace="webhooks" target={deleting && { url: `/api/webhooks/${deleting.id}`, name: name(deleting) }} onClose={() => setDeleting(null)} />
    </>
  );
}
