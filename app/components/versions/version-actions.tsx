'use client';
// The actions of one row of the versions table: roll back to it (one click: it publishes a
// new version, which can itself be rolled back), duplicate it into a new flow.
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { postAction } from './post-action';

export function RollbackButton({ flowId, number }: { flowId: string; number: number }) {
  const t = useTranslations('versions');
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const rollback = async () => {
    setPending(true);
    const result = await postAction<{ number: number }>(`/api/flows/${flowId}/versions/${number}/rollback`, {});
    setPending(false);
    if (result.ok) {
      setMessage({ error: false, text: t('rolledBack', { number: result.body.number, source: number }) });
      router.refresh();
    } else setMessage({ error: true, text: result.message || result.code });
  };
  return (
    <>
      <button type="button" className="button small" disabled={pending} aria-label={t('rollbackNamed', { number })} onClick={rollback}>
        {t('rollback')}
      </button>
      {message && (
        <span role={message.error ? 'alert' : 'status'} className={message.error ? 'field-error' : 'muted'}>
          {' '}
          {message.text}
        </span>
      )}
    </>
  );
}

/** Copies the draft (no `number`) or version `number` into a new flow, then opens the copy. */
export function DuplicateButton({ flowId, number, small = true }: { flowId: string; number?: number; small?: boolean }) {
  const t = useTranslations('versions');
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState('');
  const duplicate = async () => {
    setPending(true);
    const result = await postAction<{ id: string }>(`/api/flows/${flowId}/duplicate`, number ? { from: number } : {});
    setPending(false);
    if (result.ok) router.push(`/flows/${result.body.id}`);
    else setError(result.message || result.code);
  };
  return (
    <>
      <button
        type="button"
        className={small ? 'button small' : 'button'}
        disabled={pending}
        aria-label={number ? t('duplicateNamed', { number }) : undefined}
        onClick={duplicate}
      >
        {number ? t('duplicate') : t('duplicateDraft')}
      </button>
      {error && (
        <span role="alert" className="field-error">
          {' '}
          {error}
        </span>
      )}
    </>
  );
}
