'use client';
// Deleting something flows may use: the dialog first asks the API what uses it (GET /api/usage).
// Used by a draft or a live version: the delete is refused and the flows are named (links).
// Used only by older versions, an agent's groups, a number's live flow: said before confirming.
// A 409 IN_USE answer (a flow changed meanwhile) shows the flows it names the same way.
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import { ApiError, apiRequest } from '@/app/components/api-client';
import { Dialog } from '@/app/components/dialog';
import { ErrorAlert } from '@/app/components/error-alert';
import { UsageFlows } from './usage-flows';
import type { ResourceUsage, UsageKind } from './usage-types';

export interface UsageDeleteDialogProps {
  open: boolean;
  title: string;
  /** The usual question ("Delete the group X?"). */
  message: string;
  name: string;
  url: string;
  kind: UsageKind;
  id: string;
  onClose: () => void;
  onDeleted: () => void;
}

type Loaded = { state: 'loading' } | { state: 'ready'; usage: ResourceUsage | null };

export function UsageDeleteDialog({ open, title, message, name, url, kind, id, onClose, onDeleted }: UsageDeleteDialogProps) {
  const t = useTranslations('usage');
  const tc = useTranslations('common');
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    if (!open) return;
    let live = true;
    setLoaded({ state: 'loading' });
    setError(null);
    apiRequest<ResourceUsage>('GET', `/api/usage?kind=${encodeURIComponent(kind)}&id=${encodeURIComponent(id)}`).then(
      (usage) => live && setLoaded({ state: 'ready', usage }),
      // Not knowing the usage must not block the delete: the API refuses it anyway when needed.
      () => live && setLoaded({ state: 'ready', usage: null }),
    );
    return () => {
      live = false;
    };
  }, [open, kind, id]);

  const usage = loaded.state === 'ready' ? loaded.usage : null;
  const refused = usage?.blocking === true;
  const previous = usage?.flows.filter((f) => f.state === 'previous') ?? [];
  // a flow redirecting to itself does not keep itself (as the API says)
  const blockingFlows = usage?.flows.filter((f) => f.state !== 'previous' && !(kind === 'flows' && f.flowId === id)) ?? [];
  const routesToLive = usage?.routesTo?.live ? usage.routesTo : null;

  const confirm = async () => {
    setPending(true);
    setError(null);
    try {
      await apiRequest('DELETE', routesToLive ? `${url}?confirm=true` : url);
      onDeleted();
      onClose();
    } catch (err) {
      const inUse = err instanceof ApiError && err.code === 'IN_USE' ? (err.details.usage as ResourceUsage | undefined) : undefined;
      if (inUse) setLoaded({ state: 'ready', usage: inUse });
      else setError(err);
    } finally {
      setPending(false);
    }
  };

  return (
    <Dialog
      open={open}
      title={title}
      role="alertdialog"
      onClose={onClose}
      footer={
        refused ? (
          <button type="button" className="button" onClick={onClose}>
            {t('close')}
          </button>
        ) : (
          <>
            <button type="button" className="button" onClick={onClose} disabled={pending}>
              {tc('cancel')}
            </button>
            <button type="button" className="button danger" disabled={pending || loaded.state === 'loading'} aria-busy={pending} onClick={confirm}>
              {pending ? tc('working') : routesToLive ? t('deleteAnyway') : tc('delete')}
            </button>
          </>
        )
      }
    >
      <ErrorAlert error={error} />
      {loaded.state === 'loading' ? (
        <p className="muted" role="status">
          {t('checking')}
        </p>
      ) : refused && usage ? (
        <div className="alert error" role="alert">
          <p>{t('refused', { name })}</p>
          {blockingFlows.length > 0 && <UsageFlows flows={blockingFlows} />}
          {usage.numbers.length > 0 && (
            <>
              <p>{t('usedByNumbers')}</p>
              <ul className="usage-flows">
                {usage.numbers.map((n) => (
                  <li key={n.id}>
                    <Link href="/numbers">{n.e164}</Link>
                  </li>
                ))}
              </ul>
            </>
          )}
          {blockingFlows.length > 0 && <p>{t('refusedHelp')}</p>}
          {usage.numbers.length > 0 && <p>{t('refusedNumbersHelp')}</p>}
        </div>
      ) : (
        <>
          <p>{message}</p>
          {routesToLive && (
            <div className="alert warning" role="alert">
              {t('numberRoutes', { flow: routesToLive.flowName })}
            </div>
          )}
          {previous.length > 0 && (
            <div className="alert warning">
              <p>{t('previousOnly')}</p>
              <UsageFlows flows={previous} />
            </div>
          )}
          {usage && usage.groups.length > 0 && <p>{t('memberOf', { name, groups: usage.groups.map((g) => g.name).join(', ') })}</p>}
        </>
      )}
    </Dialog>
  );
}
