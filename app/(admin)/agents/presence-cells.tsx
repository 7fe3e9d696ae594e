'use client';
// The presence and phones cells of the agents table. A phone past its expiry shows as expired
// by itself (the clock ticks here), before the registrar's purge removes it.
import { useFormatter, useNow, useTranslations } from 'next-intl';
import { phoneAddress, type PhoneRegistration, type Presence } from './presence';

export function PresenceCell({ presence }: { presence: Presence }) {
  const t = useTranslations('agents');
  const tStatus = useTranslations('agentStatus.status');
  const ok = presence.status === 'available';
  const busy = presence.status === 'ringing' || presence.status === 'in_call' || presence.status === 'wrap_up';
  return (
    <span data-testid="agent-presence">
      <span className={ok ? 'tag ok' : busy ? 'tag busy' : 'tag'}>
        {tStatus(presence.status)}
        {presence.status === 'paused' && presence.pauseReason ? ` · ${presence.pauseReason}` : ''}
      </span>
      {presence.lock && <span className="muted" data-testid="agent-lock"> · {t('lockedBy', { name: presence.lock.byUserName ?? '?' })}</span>}
    </span>
  );
}

export function PhonesCell({ phones }: { phones: PhoneRegistration[] }) {
  const t = useTranslations('account.phones');
  const format = useFormatter();
  const now = useNow({ updateInterval: 1000 });
  if (phones.length === 0) {
    return (
      <div className="muted agent-phones" data-testid="agent-phones">
        {t('none')}
      </div>
    );
  }
  return (
    <ul className="agent-phones" data-testid="agent-phones">
      {phones.map((p) => {
        const expiresAt = new Date(p.expiresAt);
        const expired = expiresAt.getTime() <= now.getTime();
        return (
          <li key={p.contact} data-testid="agent-phone" data-expired={expired ? 'true' : 'false'} title={p.contact}>
            <strong>{p.userAgent || t('unknownPhone')}</strong>
            <br />
            <span className="muted">{phoneAddress(p)}</span>
            <br />
            {expired ? (
              <span className="tag danger">{t('expired', { time: format.dateTime(expiresAt, { timeStyle: 'medium' }) })}</span>
            ) : (
              <span className="muted">{t('expiresIn', { when: format.relativeTime(expiresAt, now) })}</span>
            )}
          </li>
        );
      })}
    </ul>
  );
}
