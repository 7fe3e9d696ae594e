'use client';
// An outgoing call (contract C3): a number, or a contact found in the directory, through one
// of the agent's groups (the group sets the caller ID and the hold music). The agent's phone
// rings first, then the customer.
import { useTranslations } from 'next-intl';
import { useId, useState, type FormEvent, type RefObject } from 'react';
import { apiRequest } from '@/app/components/api-client';
import type { DirectoryEntry, GroupRef } from './console-types';
import { AvailabilityDot, useDirectory } from './transfer-panel';
import { useErrorText } from './use-error-text';

const LOOKS_LIKE_NUMBER = /^[+0-9 ().-]+$/;

export function OutgoingCall({ groups, inputRef }: { groups: GroupRef[]; inputRef: RefObject<HTMLInputElement | null> }) {
  const t = useTranslations('agentConsole.outgoing');
  const errorText = useErrorText();
  const id = useId();
  const [to, setTo] = useState('');
  const [contact, setContact] = useState<DirectoryEntry | null>(null);
  const [groupId, setGroupId] = useState(groups[0]?.id ?? '');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [placed, setPlaced] = useState(false);
  const searching = to.trim().length >= 2 && !LOOKS_LIKE_NUMBER.test(to.trim()) && contact === null;
  const { entries } = useDirectory(to, 'contact', 0, searching);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const number = to.trim();
    if (!contact && !LOOKS_LIKE_NUMBER.test(number)) {
      setError(null);
      setPlaced(false);
      return;
    }
    setPending(true);
    setError(null);
    setPlaced(false);
    try {
      await apiRequest<{ callId: string }>('POST', '/api/agent/me/calls', { to: contact ? { contactId: contact.id } : { number }, groupId });
      setPlaced(true);
      setTo('');
      setContact(null);
    } catch (err) {
      setError(err);
    } finally {
      setPending(false);
    }
  }

  const invalid = to.trim() !== '' && !contact && !LOOKS_LIKE_NUMBER.test(to.trim()) && !searching;

  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('title')}</h2>
      {groups.length === 0 ? (
        <p className="muted">{t('noGroups')}</p>
      ) : (
        <form onSubmit={submit} noValidate>
          <div className="inline-fields">
            <div className="field">
              <label htmlFor={`${id}-to`}>{t('to')}</label>
              <input
                id={`${id}-to`}
                ref={inputRef}
                type="text"
                value={contact ? contact.name : to}
                placeholder={t('toPlaceholder')}
                aria-keyshortcuts="Alt+N"
                aria-invalid={invalid || undefined}
                onChange={(e) => {
                  setContact(null);
                  setTo(e.target.value);
                  setPlaced(false);
                }}
                autoComplete="off"
              />
              {invalid && <span className="field-error">{t('invalidNumber')}</span>}
            </div>
            {groups.length > 1 && (
              <div className="field">
                <label htmlFor={`${id}-group`}>{t('group')}</label>
                <select id={`${id}-group`} value={groupId} onChange={(e) => setGroupId(e.target.value)}>
                  {groups.map((g) => (
                    <option key={g.id} value={g.id}>
                      {g.name}
                    </option>
                  ))}
                </select>
              </div>
            )}
            <div className="field">
              <span className="label" aria-hidden="true">
                &nbsp;
              </span>
              <button type="submit" className="button primary" disabled={pending || (!contact && to.trim() === '')} aria-busy={pending}>
                {pending ? t('calling') : groups.length === 1 ? t('callThrough', { group: groups[0].name }) : t('call')}
              </button>
            </div>
          </div>
          {searching && entries && entries.length > 0 && (
            <ul className="directory-list" aria-label={t('contacts')}>
              {entries.map((entry) => (
                <li key={entry.id}>
                  <button
                    type="button"
                    className="directory-entry"
                    onClick={() => {
                      setContact(entry);
                      setTo(entry.name);
                    }}
                  >
                    <span className="directory-name">
                      {entry.name}
                      {entry.detail && <span className="muted"> · {entry.detail}</span>}
                    </span>
                    {entry.availability && <AvailabilityDot entry={entry} />}
                  </button>
                </li>
              ))}
            </ul>
          )}
          {searching && entries && entries.length === 0 && <p className="muted">{t('noContact')}</p>}
        </form>
      )}
      {placed && (
        <div className="alert success" role="status">
          {t('placed')}
        </div>
      )}
      {error !== null && (
        <div className="alert error" role="alert">
          {errorText(error)}
        </div>
      )}
    </section>
  );
}
