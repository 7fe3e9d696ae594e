'use client';
// Transfer of the current call: a directory search (agents, groups, flows, contacts: contract C3,
// each with its availability, searched again every few seconds and on every status event so it
// stays live) or a number typed in; then "Transfer now" (cold) or "Talk first" (warm; agents,
// contacts and numbers: someone who can talk).
import { useTranslations } from 'next-intl';
import { useEffect, useId, useRef, useState } from 'react';
import { apiRequest } from '@/app/components/api-client';
import type { DirectoryEntry, TransferTarget } from './console-types';

const REFRESH_MS = 5000;

export function targetOf(entry: DirectoryEntry): TransferTarget {
  switch (entry.kind) {
    case 'agent':
      return { kind: 'agent', agentId: entry.id };
    case 'group':
      return { kind: 'group', groupId: entry.id };
    case 'flow':
      return { kind: 'flow', flowId: entry.id };
    case 'contact':
      return { kind: 'contact', contactId: entry.id };
  }
}

/** Results of GET /api/directory for `q`, searched again every REFRESH_MS and whenever `refreshKey` changes. */
export function useDirectory(q: string, kinds: string, refreshKey: number, enabled = true) {
  const [entries, setEntries] = useState<DirectoryEntry[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (!enabled) return;
    const timer = setInterval(() => setTick((n) => n + 1), REFRESH_MS);
    return () => clearInterval(timer);
  }, [enabled]);
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    const delay = setTimeout(() => {
      const params = new URLSearchParams({ q: q.trim(), kinds });
      apiRequest<DirectoryEntry[]>('GET', `/api/directory?${params}`)
        .then((rows) => {
          if (!live) return;
          setEntries(Array.isArray(rows) ? rows : []);
          setError(null);
        })
        .catch((err: unknown) => live && setError(err));
    }, 200);
    return () => {
      live = false;
      clearTimeout(delay);
    };
  }, [q, kinds, refreshKey, tick, enabled]);
  return { entries, error };
}

export function AvailabilityDot({ entry }: { entry: DirectoryEntry }) {
  const t = useTranslations('agentConsole.availability');
  const a = entry.availability;
  const label =
    entry.kind === 'group' && typeof entry.availableCount === 'number'
      ? t('groupAvailable', { count: entry.availableCount })
      : a
        ? t(a)
        : t('unknown');
  return (
    <span className={`availability availability-${a ?? 'unknown'}`} data-testid="availability">
      <span className="status-dot" aria-hidden="true" />
      {label}
    </span>
  );
}

export function TransferPanel({
  refreshKey,
  busy,
  onTransfer,
  onClose,
  searchRef,
}: {
  refreshKey: number;
  busy: boolean;
  onTransfer: (type: 'transferCold' | 'transferWarm', target: TransferTarget) => void;
  onClose: () => void;
  searchRef: React.RefObject<HTMLInputElement | null>;
}) {
  const t = useTranslations('agentConsole.transfer');
  const tKind = useTranslations('agentConsole.kinds');
  const [q, setQ] = useState('');
  const [selected, setSelected] = useState<DirectoryEntry | null>(null);
  const [number, setNumber] = useState('');
  const { entries, error } = useDirectory(q, 'agent,group,flow,contact', refreshKey);
  const listId = useId();
  const numberRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    searchRef.current?.focus();
  }, [searchRef]);

  // The selected entry follows the refreshed results (its availability changes live).
  const current = selected ? (entries?.find((e) => e.kind === selected.kind && e.id === selected.id) ?? selected) : null;
  const trimmedNumber = number.trim();
  const numberTarget: TransferTarget | null = trimmedNumber
    ? /^[0-9]{1,6}$/.test(trimmedNumber)
      ? { kind: 'extension', extension: trimmedNumber }
      : { kind: 'number', number: trimmedNumber }
    : null;
  const target: TransferTarget | null = current ? targetOf(current) : numberTarget;
  const warmAllowed = target !== null && (target.kind === 'agent' || target.kind === 'contact' || target.kind === 'number' || target.kind === 'extension');
  const targetName = current ? current.name : trimmedNumber;

  return (
    <section className="transfer-panel" aria-labelledby={`${listId}-title`} data-testid="transfer-panel">
      <div className="transfer-head">
        <h3 id={`${listId}-title`}>{t('title')}</h3>
        <button type="button" className="button small link" onClick={onClose}>
          {t('close')}
        </button>
      </div>
      <div className="inline-fields">
        <div className="field">
          <label htmlFor={`${listId}-q`}>{t('search')}</label>
          <input
            id={`${listId}-q`}
            ref={searchRef}
            type="search"
            value={q}
            placeholder={t('searchPlaceholder')}
            onChange={(e) => {
              setQ(e.target.value);
              setSelected(null);
            }}
          />
        </div>
        <div className="field">
          <label htmlFor={`${listId}-n`}>{t('number')}</label>
          <input
            id={`${listId}-n`}
            ref={numberRef}
            type="tel"
            inputMode="tel"
            value={number}
            placeholder={t('numberPlaceholder')}
            onChange={(e) => {
              setNumber(e.target.value);
              setSelected(null);
            }}
          />
        </div>
      </div>
      {error !== null && (
        <p className="field-error" role="alert">
          {t('searchFailed')}
        </p>
      )}
      {entries && entries.length === 0 && <p className="muted">{t('noResults')}</p>}
      {entries && entries.length > 0 && (
        <ul className="directory-list" role="listbox" aria-label={t('results')} data-testid="directory-results">
          {entries.map((entry) => {
            const isSelected = current?.kind === entry.kind && current.id === entry.id;
            return (
              <li key={`${entry.kind}:${entry.id}`} role="option" aria-selected={isSelected}>
                <button
                  type="button"
                  className={`directory-entry${isSelected ? ' selected' : ''}`}
                  onClick={() => {
                    setSelected(entry);
                    setNumber('');
                  }}
                  data-testid="directory-entry"
                >
                  <span className="directory-name">
                    <span className="tag">{tKind(entry.kind)}</span> {entry.name}
                    {entry.detail && <span className="muted"> · {entry.detail}</span>}
                  </span>
                  <AvailabilityDot entry={entry} />
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <div className="button-row" style={{ marginTop: '0.75rem' }}>
        <button
          type="button"
          className="button primary"
          disabled={!target || busy}
          onClick={() => target && onTransfer('transferCold', target)}
          data-testid="transfer-cold"
        >
          {target ? t('coldTo', { name: targetName }) : t('cold')}
        </button>
        <button
          type="button"
          className="button"
          disabled={!target || !warmAllowed || busy}
          onClick={() => target && onTransfer('transferWarm', target)}
          data-testid="transfer-warm"
        >
          {target ? t('warmTo', { name: targetName }) : t('warm')}
        </button>
      </div>
      <p className="hint muted">{t('hint')}</p>
    </section>
  );
}
