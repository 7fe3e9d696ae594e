'use client';
// The wallboard (/live): what a supervisor keeps on a wall screen. Totals, each queue group's
// waiting callers and longest wait, the calls in progress (caller, number called, current step
// and time in it, agents, state) and every agent's status with its time in status. Live over
// socket.io (use-wallboard-live.ts); times tick every second on the server's clock.
import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { memo, useEffect, useRef, useState } from 'react';
import { formatDuration, formatPath, groupColor } from '../agent/console-state';
import { useNow } from '../agent/use-now';
import type { LiveCallView } from '../agent/console-types';
import { currentStep, groupBoards, sortedAgents, sortedCalls, totals, type GroupBoard, type WallboardAgent, type WallboardState } from './wallboard-state';
import { useWallboardLive, type ConnectionState } from './use-wallboard-live';
import styles from './wallboard.module.css';

export function Wallboard() {
  const t = useTranslations('wallboard');
  const { state, connection } = useWallboardLive();
  const now = useNow() + state.clockOffsetMs;
  const root = useRef<HTMLDivElement>(null);
  const [fullscreen, setFullscreen] = useState(false);

  useEffect(() => {
    const onChange = () => setFullscreen(document.fullscreenElement === root.current && root.current !== null);
    document.addEventListener('fullscreenchange', onChange);
    return () => document.removeEventListener('fullscreenchange', onChange);
  }, []);

  const toggleFullscreen = () => {
    if (document.fullscreenElement) void document.exitFullscreen();
    else void root.current?.requestFullscreen?.().catch(() => undefined);
  };

  return (
    <div ref={root} className={`${styles.wallboard}${fullscreen ? ` ${styles.fullscreen}` : ''}`} data-testid="wallboard" data-synced={state.synced}>
      <div className={styles.toolbar}>
        <ConnectionBadge connection={connection} />
        <button type="button" className="button small" onClick={toggleFullscreen} aria-pressed={fullscreen}>
          {fullscreen ? t('exitFullscreen') : t('fullscreen')}
        </button>
      </div>
      {!state.synced ? (
        <p className="muted" data-testid="wallboard-loading">
          {t('loading')}
        </p>
      ) : (
        <>
          <Totals state={state} now={now} />
          <div className={styles.columns}>
            <div className={styles.mainColumn}>
              <Groups boards={groupBoards(state, now)} />
              <Calls state={state} now={now} />
            </div>
            <Agents agents={sortedAgents(state)} now={now} />
          </div>
        </>
      )}
    </div>
  );
}

function ConnectionBadge({ connection }: { connection: ConnectionState }) {
  const t = useTranslations('wallboard.connection');
  return (
    <span className={`${styles.connection} ${styles[`connection_${connection}`]}`} role="status" data-testid="wallboard-connection" data-state={connection}>
      <span className={styles.dot} aria-hidden="true" />
      {t(connection)}
    </span>
  );
}

function Totals({ state, now }: { state: WallboardState; now: number }) {
  const t = useTranslations('wallboard.totals');
  const sum = totals(state, now);
  const tiles: { key: string; label: string; value: string; alert?: boolean }[] = [
    { key: 'in-progress', label: t('inProgress'), value: String(sum.inProgress) },
    { key: 'waiting', label: t('waiting'), value: String(sum.waiting), alert: sum.waiting > 0 },
    { key: 'longest-wait', label: t('longestWait'), value: sum.longestWaitMs === null ? '–' : formatDuration(sum.longestWaitMs), alert: sum.longestWaitMs !== null },
    { key: 'available', label: t('available'), value: t('availableOf', { available: sum.available, present: sum.present }) },
  ];
  return (
    <section aria-label={t('label')} className={styles.totals}>
      {tiles.map((tile) => (
        <div key={tile.key} className={`${styles.tile}${tile.alert ? ` ${styles.tileAlert}` : ''}`} data-testid={`total-${tile.key}`}>
          <span className={styles.tileValue}>{tile.value}</span>
          <span className={styles.tileLabel}>{tile.label}</span>
        </div>
      ))}
    </section>
  );
}

function Groups({ boards }: { boards: GroupBoard[] }) {
  const t = useTranslations('wallboard.groups');
  return (
    <section aria-labelledby="wallboard-groups" className={styles.section}>
      <h2 id="wallboard-groups">{t('title')}</h2>
      {boards.length === 0 ? (
        <p className={styles.empty} data-testid="groups-empty">
          {t.rich('empty', { link: (chunks) => <Link href="/groups">{chunks}</Link> })}
        </p>
      ) : (
        <ul className={styles.groups}>
          {boards.map((b) => (
            <li key={b.group.id} className={`${styles.group}${b.waiting > 0 ? ` ${styles.groupWaiting}` : ''}`} style={{ borderTopColor: groupColor(b.group) }} data-testid="group-tile" data-group-id={b.group.id}>
              <span className={styles.groupName}>{b.group.name}</span>
              <span className={styles.groupFigures}>
                <span>
                  <span className={styles.groupValue} data-testid="group-waiting">
                    {b.waiting}
                  </span>
                  <span className={styles.groupLabel}>{t('waiting', { count: b.waiting })}</span>
                </span>
                <span>
                  <span className={styles.groupValue} data-testid="group-longest-wait">
                    {b.longestWaitMs === null ? '–' : formatDuration(b.longestWaitMs)}
                  </span>
                  <span className={styles.groupLabel}>{t('longestWait')}</span>
                </span>
              </span>
              <span className={styles.groupAgents} data-testid="group-agents">
                {t('agents', { available: b.available, present: b.present })}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Calls({ state, now }: { state: WallboardState; now: number }) {
  const t = useTranslations('wallboard.calls');
  const calls = sortedCalls(state);
  return (
    <section aria-labelledby="wallboard-calls" className={styles.section}>
      <h2 id="wallboard-calls">
        {t('title')} <span className={styles.count}>{calls.length}</span>
      </h2>
      {calls.length === 0 ? (
        <p className={styles.empty} data-testid="calls-empty">
          {t('empty')}
        </p>
      ) : (
        <div className={`table-wrap ${styles.callsTable}`}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('caller')}</th>
                <th scope="col">{t('number')}</th>
                <th scope="col">{t('step')}</th>
                <th scope="col">{t('agents')}</th>
                <th scope="col">{t('state')}</th>
                <th scope="col">{t('duration')}</th>
              </tr>
            </thead>
            <tbody>
              {calls.map((call) => (
                <CallRow key={call.callId} call={call} agents={state.agents} now={now} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** Memoised: an event re-renders the row of its call only (all of them tick once a second). */
const CallRow = memo(function CallRow({ call, agents, now }: { call: LiveCallView; agents: Record<string, WallboardAgent>; now: number }) {
  const t = useTranslations('wallboard.calls');
  const step = currentStep(call);
  const stepSince = step ? Date.parse(step.since) : Date.parse(call.stateSince);
  return (
    <tr data-testid="wallboard-call" data-call-id={call.callId} data-step={step?.label ?? ''} data-step-at={step?.since ?? ''} data-state={call.state} data-state-since={call.stateSince}>
      <td data-testid="call-caller">
        {call.contactName ? (
          <>
            <strong>{call.contactName}</strong>
            <span className={styles.subline}>{call.caller}</span>
          </>
        ) : (
          <strong>{call.caller ?? t('withheld')}</strong>
        )}
      </td>
      <td data-testid="call-number">
        {call.entryNumber}
        {call.direction !== 'inbound' && <span className={styles.subline}>{t(`direction.${call.direction}`)}</span>}
      </td>
      <td data-testid="call-step" title={call.path.length > 1 ? formatPath(call.path) : undefined}>
        <span className={styles.step}>
          {call.group && (call.state === 'queued' || call.state === 'ringing') && <span className={styles.swatch} style={{ background: groupColor(call.group) }} aria-hidden="true" />}
          {step ? step.label : t('noStep')}
          {step?.key && <span className={styles.key}>{t('key', { key: step.key })}</span>}
        </span>
        <span className={styles.subline} role="timer" data-testid="call-step-time">
          {t('inStepFor', { time: formatDuration(now - stepSince) })}
        </span>
      </td>
      <td data-testid="call-agents">
        {call.agents.length === 0 ? (
          <span className="muted">–</span>
        ) : (
          call.agents.map((a) => (
            <span key={a.agentId} className={styles.agentName}>
              {t(`agentRole.${a.role}`, { name: agents[a.agentId]?.name ?? t('unknownAgent') })}
            </span>
          ))
        )}
      </td>
      <td>
        <span className={`${styles.state} ${styles[`state_${call.state}`] ?? ''}`} data-testid="call-state">
          {t(`states.${call.state}`)}
        </span>
        <span className={styles.subline} role="timer" data-testid="call-state-time">
          {t('inStepFor', { time: formatDuration(now - Date.parse(call.stateSince)) })}
        </span>
      </td>
      <td className={styles.duration} role="timer" data-testid="call-duration">
        {formatDuration(now - Date.parse(call.startedAt))}
      </td>
    </tr>
  );
});

function Agents({ agents, now }: { agents: WallboardAgent[]; now: number }) {
  const t = useTranslations('wallboard.agents');
  return (
    <section aria-labelledby="wallboard-agents" className={styles.section}>
      <h2 id="wallboard-agents">{t('title')}</h2>
      {agents.length === 0 ? (
        <p className={styles.empty} data-testid="agents-empty">
          {t.rich('empty', { link: (chunks) => <Link href="/agents">{chunks}</Link> })}
        </p>
      ) : (
        <ul className={styles.agents}>
          {agents.map((a) => (
            <li key={a.agentId} className={`${styles.agent} ${styles[`agent_${a.status.status}`] ?? ''}`} data-testid="agent-tile" data-agent-id={a.agentId} data-status={a.status.status} data-since={a.status.since}>
              <span className={styles.agentHead}>
                <span className={styles.agentTileName}>{a.name}</span>
                {a.extension && <span className={styles.extension}>{a.extension}</span>}
              </span>
              <span className={styles.agentStatus} data-testid="agent-status">
                {a.status.status === 'paused' && a.status.pauseReason ? t('pausedWith', { reason: a.status.pauseReason.label }) : t(`statuses.${a.status.status}`)}
                {a.status.lock && <span className={styles.lock}> · {t('locked')}</span>}
              </span>
              <span className={styles.agentTime} role="timer" data-testid="agent-status-time">
                {formatDuration(now - Date.parse(a.status.since))}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
