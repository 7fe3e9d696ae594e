'use client';
// A webhook's deliveries: status, attempts, last answer (HTTP status or error), next attempt,
// the payload on demand; "Retry now" per row and "Send a test event" for the URL. The list is
// server-rendered: Refresh (and each action) re-reads it.
import Link from 'next/link';
import { useFormatter, useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { apiRequest } from '@/app/components/api-client';
import { ErrorAlert } from '@/app/components/error-alert';
import { PageHeader } from '@/app/components/page-header';
import { ResourceTable } from '@/app/components/resources/resource-table';
import { RowButton } from '@/app/components/resources/row-button';
import { eventKey, knownEvent } from '../event-keys';

export interface DeliveryRow {
  id: string;
  event: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  lastStatus: number | null;
  lastError: string | null;
  createdAt: string;
  lastAttemptAt: string | null;
  nextAttemptAt: string | null;
  payload: string;
}

const STATUS_CLASS = { pending: 'tag pending', delivered: 'tag ok', failed: 'tag failed' } as const;

function listUrl(webhookId: string, status: string, cursor?: string): string {
  const query = new URLSearchParams();
  if (status) query.set('status', status);
  if (cursor) query.set('cursor', cursor);
  const text = query.toString();
  return `/webhooks/${webhookId}${text ? `?${text}` : ''}`;
}

export function DeliveriesList({ webhook, deliveries, editable, status, nextCursor, isFirstPage }: {
  webhook: { id: string; url: string; active: boolean };
  deliveries: DeliveryRow[];
  editable: boolean;
  status: string;
  nextCursor: string | null;
  isFirstPage: boolean;
}) {
  const t = useTranslations('webhooks');
  const tc = useTranslations('common');
  const format = useFormatter();
  const router = useRouter();
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const when = (iso: string) => format.dateTime(new Date(iso), { dateStyle: 'short', timeStyle: 'medium' });
  const eventName = (type: string) => (knownEvent(type) ? t(`eventNames.${eventKey(type)}`) : type);

  async function act(call: () => Promise<unknown>, done: string) {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      await call();
      setNotice(done);
      router.refresh();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const actions = (
    <>
      <Link href="/webhooks" className="button">
        {t('backToList')}
      </Link>
      <button type="button" className="button" onClick={() => router.refresh()}>
        {t('refresh')}
      </button>
      {editable && (
        <button type="button" className="button primary" disabled={busy} aria-busy={busy} onClick={() => void act(() => apiRequest('POST', `/api/webhooks/${webhook.id}/test`), t('testQueued'))}>
          {t('sendTest')}
        </button>
      )}
    </>
  );

  return (
    <>
      <PageHeader title={t('deliveriesTitle', { url: webhook.url })} intro={t('deliveriesIntro')} actions={actions} />
      <div className="inline-fields" role="search">
        <div className="field">
          <label htmlFor="delivery-status">{t('filterStatus')}</label>
          <select id="delivery-status" key={status} defaultValue={status} onChange={(e) => router.push(listUrl(webhook.id, e.target.value))}>
            <option value="">{t('allStatuses')}</option>
            {(['pending', 'delivered', 'failed'] as const).map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      {notice && (
        <p className="alert success" role="status">
          {notice}
        </p>
      )}
      <ErrorAlert error={error} />
      <ResourceTable
        rows={deliveries}
        rowTestId="delivery-row"
        emptyMessage={status ? t('noDeliveriesFiltered') : t('noDeliveries')}
        caption={t('deliveries')}
        columns={[
          { header: t('columns.createdAt'), cell: (d) => <time dateTime={d.createdAt}>{when(d.createdAt)}</time> },
          {
            header: t('columns.event'),
            cell: (d) => (
              <>
                {eventName(d.event)} <code className="muted">{d.event}</code>
              </>
            ),
          },
          { header: t('columns.status'), cell: (d) => <span className={STATUS_CLASS[d.status]}>{t(`status.${d.status}`)}</span> },
          { header: t('columns.attempts'), cell: (d) => d.attempts },
          {
            header: t('columns.lastResult'),
            cell: (d) =>
              d.attempts === 0 ? (
                <span className="muted">{t('notYetTried')}</span>
              ) : (
                <>
                  {d.lastStatus !== null && <span>{t('httpStatus', { status: d.lastStatus })}</span>}
                  {d.lastError && d.lastStatus === null && <span className="field-error">{d.lastError}</span>}
                  {d.lastAttemptAt && <div className="muted">{when(d.lastAttemptAt)}</div>}
                </>
              ),
          },
          { header: t('columns.nextAttempt'), cell: (d) => (d.nextAttemptAt ? <time dateTime={d.nextAttemptAt}>{when(d.nextAttemptAt)}</time> : <span className="muted">—</span>) },
          {
            header: t('payload'),
            cell: (d) => (
              <details>
                <summary>{t('showPayload')}</summary>
                <pre className="webhook-payload">{d.payload}</pre>
              </details>
            ),
          },
        ]}
        actionsLabel={tc('actions')}
        actions={
          editable
            ? (d) =>
                d.status === 'pending' && d.attempts === 0 ? null : (
                  <RowButton
                    label={t('retryNamed', { event: eventName(d.event), date: when(d.createdAt) })}
                    text={t('retry')}
                    onClick={() => void act(() => apiRequest('POST', `/api/webhook-deliveries/${d.id}/retry`), t('retryQueued'))}
                  />
                )
            : undefined
        }
      />
      {(nextCursor || !isFirstPage) && (
        <div className="button-row">
          {!isFirstPage && (
            <Link href={listUrl(webhook.id, status)} className="button">
              {t('newest')}
            </Link>
          )}
          {nextCursor && (
            <Link href={listUrl(webhook.id, status, nextCursor)} className="button">
              {t('older')}
            </Link>
          )}
        </div>
      )}
    </>
  );
}
