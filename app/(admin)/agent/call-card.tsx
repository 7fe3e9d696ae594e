'use client';
// One call this agent is on: who calls (the contact's name when known), on which group (its
// colour), which number they dialled, how long they waited, the path they took in the flow, a
// live timer; and the actions the call's real state allows (console-state.ts availableActions).
import { useTranslations } from 'next-intl';
import type { RefObject } from 'react';
import type { LiveCallView, TransferTarget } from './console-types';
import { availableActions, formatDuration, formatPath, groupColor, type CallAction } from './console-state';
import { TransferPanel } from './transfer-panel';
import { useNow } from './use-now';
import { SHORTCUTS } from './shortcuts';

export function CallCard({
  call,
  agentId,
  busyAction,
  transferOpen,
  directoryRefresh,
  searchRef,
  onAction,
  onTransferOpen,
  onTransfer,
}: {
  call: LiveCallView;
  agentId: string;
  busyAction: string | null;
  transferOpen: boolean;
  directoryRefresh: number;
  searchRef: RefObject<HTMLInputElement | null>;
  onAction: (action: Exclude<CallAction, 'transfer'>) => void;
  onTransferOpen: (open: boolean) => void;
  onTransfer: (type: 'transferCold' | 'transferWarm', target: TransferTarget) => void;
}) {
  const t = useTranslations('agentConsole.call');
  const now = useNow();
  const role = call.agents.find((a) => a.agentId === agentId)?.role;
  const actions = availableActions(call, agentId);
  const since = Date.parse(call.answeredAt ?? call.startedAt);
  const who = call.contactName ?? call.caller ?? t('hiddenNumber');
  const busy = busyAction !== null;

  const label = (action: CallAction): string => t(`actions.${action}`);

  return (
    <article className="card call-card" aria-labelledby={`call-${call.callId}-who`} data-testid="call-card" data-call-state={call.state}>
      <header className="call-card-head">
        {call.group ? (
          <span className="group-badge" style={{ borderColor: groupColor(call.group) }} data-testid="call-group">
            <span className="group-swatch" style={{ background: groupColor(call.group) }} aria-hidden="true" />
            {call.group.name}
          </span>
        ) : (
          <span className="group-badge muted">{t('noGroup')}</span>
        )}
        <span className={`call-state call-state-${call.state}`} data-testid="call-state">
          {role === 'ringing' ? t('ringingYou') : t(`state.${call.state}`)}
        </span>
        {call.recording && (
          <span className="recording-badge" data-testid="recording-badge">
            <span aria-hidden="true">●</span> {t('recording')}
          </span>
        )}
        <span className="call-timer" role="timer" aria-label={t('timerLabel')} data-testid="call-timer">
          {formatDuration(now - since)}
        </span>
      </header>
      <h2 id={`call-${call.callId}-who`} className="call-who" data-testid="call-caller">
        {who}
        {call.contactName && <span className="muted call-number"> {call.caller}</span>}
      </h2>
      <dl className="call-facts">
        <div>
          <dt>{t(`direction.${call.direction}`)}</dt>
          <dd data-testid="call-entry-number">{call.entryNumber || t('unknown')}</dd>
        </div>
        <div>
          <dt>{t('waited')}</dt>
          <dd data-testid="call-waited">{formatDuration(call.waitedMs)}</dd>
        </div>
        <div className="call-path-fact">
          <dt>{t('path')}</dt>
          <dd data-testid="call-path">{call.path.length > 0 ? formatPath(call.path) : t('noPath')}</dd>
        </div>
      </dl>
      {role === 'ringing' && <p className="muted">{t('answerOnPhone')}</p>}
      {actions.length > 0 && (
        <div className="button-row call-actions" role="toolbar" aria-label={t('actionsLabel')}>
          {actions.map((action) => {
            const shortcut = SHORTCUTS.find((s) => s.action === action || (action === 'resume' && s.action === 'hold') || (action === 'recordStop' && s.action === 'recordStart'));
            const danger = action === 'hangup';
            const primary = action === 'complete' || action === 'resume';
            if (action === 'transfer') {
              return (
                <button
                  key={action}
                  type="button"
                  className="button"
                  aria-expanded={transferOpen}
                  aria-keyshortcuts={shortcut?.keys}
                  disabled={busy}
                  onClick={() => onTransferOpen(!transferOpen)}
                >
                  {label(action)}
                </button>
              );
            }
            return (
              <button
                key={action}
                type="button"
                className={`button${danger ? ' danger' : primary ? ' primary' : ''}`}
                aria-keyshortcuts={shortcut?.keys}
                aria-busy={busyAction === action}
                disabled={busy}
                onClick={() => onAction(action)}
              >
                {busyAction === action ? t('working') : label(action)}
              </button>
            );
          })}
        </div>
      )}
      {transferOpen && actions.includes('transfer') && (
        <TransferPanel refreshKey={directoryRefresh} busy={busy} onTransfer={onTransfer} onClose={() => onTransferOpen(false)} searchRef={searchRef} />
      )}
    </article>
  );
}
