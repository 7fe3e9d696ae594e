'use client';
// The agent's calls of the day (contract C3, GET /api/agent/me/calls), read again when one of
// their calls ends.
import { useFormatter, useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import { apiRequest } from '@/app/components/api-client';
import type { AgentCallOfDay } from './console-types';
import { formatDuration, groupColor } from './console-state';
import { useErrorText } from './use-error-text';

export function CallsToday({ refreshKey }: { refreshKey: number }) {
  const t = useTranslations('agentConsole.today');
  const format = useFormatter();
  const errorText = useErrorText();
  const [calls, setCalls] = useState<AgentCallOfDay[] | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    let live = true;
    apiRequest<AgentCallOfDay[]>('GET', '/api/agent/me/calls')
      .then((rows) => {
        if (!live) return;
        setCalls(Array.isArray(rows) ? rows : []);
        setError(null);
      })
      .catch((err: unknown) => live && setError(err));
    return () => {
      live = false;
    };
  }, [refreshKey]);

  // null while the call goes on; a value without a text of its own is shown as it is.
  const outcome = (value: string | null) => (value === null ? t('outcome.inProgress') : t.has(`outcome.${value}`) ? t(`outcome.${value}`) : value);

  return (
    <section className="card" aria-labelledby="calls-today-title">
      <h2 id="calls-today-title">{t('title')}</h2>
      {error !== null && (
        <div className="alert error" role="alert">
          {errorText(error)}
        </div>
      )}
      {calls === null && error === null && <p className="muted">{t('loading')}</p>}
      {calls && calls.length === 0 && <p className="muted">{t('empty')}</p>}
      {calls && calls.length > 0 && (
        <div className="table-wrap">
          <table data-testid="calls-today">
            <thead>
              <tr>
                <th scope="col">{t('time')}</th>
                <th scope="col">{t('direction')}</th>
                <th scope="col">{t('who')}</th>
                <th scope="col">{t('group')}</th>
                <th scope="col">{t('duration')}</th>
                <th scope="col">{t('outcomeHeader')}</th>
              </tr>
            </thead>
            <tbody>
              {calls.map((call) => (
                <tr key={call.callId} data-testid="calls-today-row">
                  <td>{format.dateTime(new Date(call.at), { hour: '2-digit', minute: '2-digit' })}</td>
                  <td>{t(`directions.${call.direction}`)}</td>
                  <td>
                    {call.contactName ?? call.caller}
                    {call.contactName && <span className="muted"> {call.caller}</span>}
                  </td>
                  <td>
                    {call.group ? (
                      <span className="group-badge small" style={{ borderColor: groupColor(call.group) }}>
                        <span className="group-swatch" style={{ background: groupColor(call.group) }} aria-hidden="true" />
                        {call.group.name}
                      </span>
                    ) : (
                      <span className="muted">—</span>
                    )}
                  </td>
                  <td>{call.durationMs === null ? '—' : formatDuration(call.durationMs)}</td>
                  <td>
                    <span className={`tag outcome-${call.outcome ?? 'inProgress'}`}>{outcome(call.outcome)}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
