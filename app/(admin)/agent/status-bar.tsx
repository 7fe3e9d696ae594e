'use client';
// The agent's status (contract C1): the effective status, the selector of the chosen one
// (available, paused with a reason, offline), the supervisor's lock (padlock, who, selector
// disabled), the post-call pause countdown, and during a call the "PPA" choice: how long the
// post-call pause after this call lasts.
import { useTranslations } from 'next-intl';
import { useEffect, useRef, useState } from 'react';
import { shortcutFor } from './shortcuts';
import { apiRequest } from '@/app/components/api-client';
import type { AgentStatusView, ChosenStatus, PauseReason } from './console-types';
import { formatDuration } from './console-state';
import { useNow } from './use-now';
import { useErrorText } from './use-error-text';

const PPA_CHOICES = [0, 15, 30, 60, 120, 300] as const;

/** The selector's value: "available", "offline", "paused" or "paused:<reasonId>". */
function selectorValue(status: AgentStatusView, reasons: PauseReason[]): string {
  const chosen = status.lock?.status ?? (status.status === 'available' || status.status === 'paused' || status.status === 'offline' ? status.status : null);
  const reason = status.lock ? status.lock.pauseReason : status.pauseReason;
  if (chosen === 'paused') return reason && reasons.some((r) => r.id === reason.id) ? `paused:${reason.id}` : 'paused';
  return chosen ?? '';
}

export function StatusBar({
  status,
  reasons,
  onCall,
  onChanged,
}: {
  status: AgentStatusView;
  reasons: PauseReason[];
  onCall: boolean;
  onChanged: (status: AgentStatusView) => void;
}) {
  const t = useTranslations('agentConsole.status');
  const errorText = useErrorText();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [ppa, setPpa] = useState<string>('default');
  const [ppaSaved, setPpaSaved] = useState(false);
  const now = useNow(status.status === 'wrap_up' && status.wrapUpEndsAt !== null);
  const locked = status.lock !== null;
  // During a call (ringing, in call, post-call pause) the chosen status applies afterwards: show the last choice.
  const [afterCall, setAfterCall] = useState<string | null>(null);
  const value = selectorValue(status, reasons) || afterCall || '';

  async function choose(next: string) {
    const [chosen, reasonId] = next.split(':') as [ChosenStatus, string | undefined];
    setPending(true);
    setError(null);
    try {
      const body: { status: ChosenStatus; pauseReasonId?: string } = { status: chosen };
      if (reasonId) body.pauseReasonId = reasonId;
      onChanged(await apiRequest<AgentStatusView>('PUT', '/api/agent/me/status', body));
      setAfterCall(next);
    } catch (err) {
      setError(err);
    } finally {
      setPending(false);
    }
  }

  async function choosePpa(next: string) {
    setPpa(next);
    setPpaSaved(false);
    if (next === 'default') return;
    setError(null);
    try {
      await apiRequest('PUT', '/api/agent/me/wrap-up', { seconds: Number(next) });
      setPpaSaved(true);
    } catch (err) {
      setError(err);
    }
  }

  // Alt+A: available; Alt+P: paused (the first reason).
  const chooseRef = useRef(choose);
  chooseRef.current = choose;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const shortcut = shortcutFor(event);
      if (!shortcut || locked) return;
      if (shortcut.action === 'available') {
        event.preventDefault();
        void chooseRef.current('available');
      } else if (shortcut.action === 'pause') {
        event.preventDefault();
        void chooseRef.current(reasons[0] ? `paused:${reasons[0].id}` : 'paused');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [locked, reasons]);

  const remainingMs = status.wrapUpEndsAt ? Date.parse(status.wrapUpEndsAt) - now : 0;
  const effectiveLabel = status.status === 'paused' && status.pauseReason ? t('pausedWith', { reason: status.pauseReason.label }) : t(`effective.${status.status}`);

  return (
    <section className="card console-status" aria-labelledby="console-status-title">
      <h2 id="console-status-title" className="visually-hidden">
        {t('title')}
      </h2>
      <div className="console-status-row">
        <span className={`status-pill status-${status.status}`} data-testid="effective-status">
          <span className="status-dot" aria-hidden="true" />
          {effectiveLabel}
        </span>
        <label className="console-inline-field">
          <span>{t('choose')}</span>
          <select
            value={value}
            disabled={locked || pending}
            aria-keyshortcuts="Alt+A Alt+P"
            onChange={(e) => void choose(e.target.value)}
            data-testid="status-select"
          >
            {value === '' && <option value="">{t('choosePlaceholder')}</option>}
            <option value="available">{t('chosen.available')}</option>
            {reasons.length === 0 ? (
              <option value="paused">{t('chosen.paused')}</option>
            ) : (
              <optgroup label={t('chosen.paused')}>
                {reasons.map((r) => (
                  <option key={r.id} value={`paused:${r.id}`}>
                    {t('pauseWithReason', { reason: r.label })}
                  </option>
                ))}
              </optgroup>
            )}
            <option value="offline">{t('chosen.offline')}</option>
          </select>
        </label>
        {status.lock && (
          <span className="status-lock" role="status" data-testid="status-lock">
            <svg aria-hidden="true" width="16" height="16" viewBox="0 0 16 16" focusable="false">
              <path d="M4 7V5a4 4 0 1 1 8 0v2h1v8H3V7h1zm2 0h4V5a2 2 0 1 0-4 0v2z" fill="currentColor" />
            </svg>
            {t('lockedBy', { name: status.lock.byUserName })}
          </span>
        )}
        {status.status === 'wrap_up' && status.wrapUpEndsAt && (
          <span className="status-countdown" role="timer" aria-live="off" data-testid="wrap-up-countdown">
            {t('wrapUpLeft', { time: formatDuration(remainingMs) })}
          </span>
        )}
        {onCall && (
          <label className="console-inline-field">
            <span title={t('ppaHelp')}>{t('ppa')}</span>
            <select value={ppa} onChange={(e) => void choosePpa(e.target.value)} data-testid="ppa-select">
              <option value="default">{t('ppaDefault')}</option>
              {PPA_CHOICES.map((s) => (
                <option key={s} value={String(s)}>
                  {s === 0 ? t('ppaNone') : t('ppaSeconds', { time: formatDuration(s * 1000) })}
                </option>
              ))}
            </select>
            {ppaSaved && <span className="visually-hidden" role="status">{t('ppaSaved')}</span>}
          </label>
        )}
      </div>
      {error !== null && (
        <div className="alert error" role="alert">
          {errorText(error)}
        </div>
      )}
    </section>
  );
}
