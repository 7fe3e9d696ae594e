'use client';
// The agent console ("bandeau", issue 14): status, the calls the agent is on with their
// actions, transfers, an outgoing call and the calls of the day. Data: GET /api/agent/me and
// /api/pause-reasons once, then the live connection (use-live-console.ts); commands through
// POST /api/calls/:id/commands, their errors shown in the user's language (messageKey).
import { useTranslations } from 'next-intl';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, apiRequest } from '@/app/components/api-client';
import type { AgentMe, CallCommandType, LiveEvent, PauseReason, TransferTarget } from './console-types';
import { availableActions, groupColor, type CallAction } from './console-state';
import { CallCard } from './call-card';
import { CallsToday } from './calls-today';
import { OutgoingCall } from './outgoing-call';
import { StatusBar } from './status-bar';
import { SHORTCUTS, shortcutFor } from './shortcuts';
import { useErrorText } from './use-error-text';
import { useLiveConsole } from './use-live-console';

export function AgentConsole() {
  const t = useTranslations('agentConsole');
  const errorText = useErrorText();
  const [me, setMe] = useState<AgentMe | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [reasons, setReasons] = useState<PauseReason[]>([]);

  useEffect(() => {
    let live = true;
    apiRequest<AgentMe>('GET', '/api/agent/me')
      .then((body) => live && setMe(body))
      .catch((err: unknown) => live && setLoadError(err));
    apiRequest<PauseReason[] | { reasons?: PauseReason[] }>('GET', '/api/pause-reasons')
      .then((body) => {
        const rows = Array.isArray(body) ? body : (body?.reasons ?? []);
        if (live) setReasons([...rows].sort((a, b) => (a.position ?? 0) - (b.position ?? 0)));
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);

  if (loadError) {
    const notAgent = loadError instanceof ApiError && (loadError.code === 'NOT_AN_AGENT' || loadError.status === 404);
    return notAgent ? (
      <div className="empty-state" data-testid="not-an-agent">
        <p>{t('notAnAgent')}</p>
      </div>
    ) : (
      <div className="alert error" role="alert">
        {errorText(loadError)}
      </div>
    );
  }
  if (!me) return <p className="muted">{t('loading')}</p>;
  return <LiveConsole me={me} reasons={reasons} />;
}

function LiveConsole({ me, reasons }: { me: AgentMe; reasons: PauseReason[] }) {
  const t = useTranslations('agentConsole');
  const errorText = useErrorText();
  const agentId = me.agent.id;
  const [directoryRefresh, setDirectoryRefresh] = useState(0);
  const [callsRefresh, setCallsRefresh] = useState(0);
  const onEvent = useCallback((event: LiveEvent) => {
    if (event.t === 'agent.status') setDirectoryRefresh((n) => n + 1);
    // A call of this agent ended, or their status moved on (e.g. the post-call pause after a transfer they left).
    if (event.t === 'call.ended' || (event.t === 'agent.status' && event.d.agentId === agentId)) setCallsRefresh((n) => n + 1);
  }, [agentId]);
  const { state, connection, setStatus } = useLiveConsole(agentId, me.status, onEvent);
  const [busy, setBusy] = useState<{ callId: string; action: string } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [transferFor, setTransferFor] = useState<string | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const outgoingRef = useRef<HTMLInputElement>(null);
  const status = state.status ?? me.status;
  const current = state.calls.find((c) => c.agents.some((a) => a.agentId === agentId && a.role !== 'ringing')) ?? state.calls[0] ?? null;

  const command = useCallback(async (callId: string, type: CallCommandType, target?: TransferTarget) => {
    setBusy({ callId, action: type });
    setError(null);
    try {
      await apiRequest('POST', `/api/calls/${encodeURIComponent(callId)}/commands`, target ? { type, target } : { type });
      if (type === 'transferCold' || type === 'transferWarm') setTransferFor(null);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  }, []);

  // The main actions from the keyboard (shortcuts.ts), on the current call.
  const commandRef = useRef(command);
  commandRef.current = command;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const shortcut = shortcutFor(event);
      if (!shortcut) return;
      if (shortcut.action === 'call') {
        event.preventDefault();
        outgoingRef.current?.focus();
        return;
      }
      if (!current) return;
      const actions = availableActions(current, agentId);
      const pick = (...candidates: CallAction[]) => candidates.find((a) => actions.includes(a));
      const action =
        shortcut.action === 'hold' ? pick('hold', 'resume')
        : shortcut.action === 'recordStart' ? pick('recordStart', 'recordStop')
        : shortcut.action === 'hangup' ? pick('hangup')
        : shortcut.action === 'transfer' ? pick('transfer')
        : shortcut.action === 'complete' ? pick('complete')
        : shortcut.action === 'retrieve' ? pick('retrieve')
        : undefined;
      if (!action) return;
      event.preventDefault();
      if (action === 'transfer') {
        setTransferFor(current.callId);
        searchRef.current?.focus();
      } else void commandRef.current(current.callId, action);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [current, agentId]);

  const onCall = state.calls.some((c) => c.agents.some((a) => a.agentId === agentId && a.role !== 'ringing'));

  return (
    <div className="agent-console">
      {connection !== 'connected' && (
        <div className="alert warning console-connection" role="status" data-testid="connection-banner">
          {connection === 'connecting' ? t('connecting') : t('reconnecting')}
        </div>
      )}
      <div className="console-identity">
        <p>
          <strong>{me.agent.name}</strong>
          {me.agent.extension && <span className="muted"> · {t('extension', { extension: me.agent.extension })}</span>}
        </p>
        <ul className="console-groups" aria-label={t('groups')}>
          {me.agent.groups.map((g) => (
            <li key={g.id} className="group-badge small" style={{ borderColor: groupColor(g) }}>
              <span className="group-swatch" style={{ background: groupColor(g) }} aria-hidden="true" />
              {g.name}
            </li>
          ))}
        </ul>
        <details className="shortcut-help">
          <summary>{t('shortcuts.title')}</summary>
          <ul>
            {SHORTCUTS.map((s) => (
              <li key={s.code}>
                <kbd>{s.keys}</kbd> {t(`shortcuts.${s.action}`)}
              </li>
            ))}
          </ul>
        </details>
      </div>

      <StatusBar status={status} reasons={reasons} onCall={onCall} onChanged={setStatus} />

      {error !== null && (
        <div className="alert error" role="alert" data-testid="command-error">
          {errorText(error)}
          <button type="button" className="button small link" onClick={() => setError(null)}>
            {t('dismiss')}
          </button>
        </div>
      )}

      <section aria-labelledby="console-calls-title" aria-live="polite">
        <h2 id="console-calls-title" className="visually-hidden">
          {t('currentCalls')}
        </h2>
        {state.calls.length === 0 ? (
          <div className="empty-state console-empty" data-testid="no-call">
            <p>{status.status === 'available' ? t('waitingForCall') : t('noCall')}</p>
          </div>
        ) : (
          state.calls.map((call) => (
            <CallCard
              key={call.callId}
              call={call}
              agentId={agentId}
              busyAction={busy?.callId === call.callId ? busy.action : null}
              transferOpen={transferFor === call.callId}
              directoryRefresh={directoryRefresh}
              searchRef={searchRef}
              onAction={(action) => void command(call.callId, action)}
              onTransferOpen={(open) => setTransferFor(open ? call.callId : null)}
              onTransfer={(type, target) => void command(call.callId, type, target)}
            />
          ))
        )}
      </section>

      <OutgoingCall groups={me.agent.groups} inputRef={outgoingRef} />
      <CallsToday refreshKey={callsRefresh} />
    </div>
  );
}
