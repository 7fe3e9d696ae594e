'use client';
// The actions of one row of the versions table, each behind a dialog:
// - roll back: says which version goes live as which number, and asks whether to replace the
//   draft (kept by default when it holds unpublished work: nothing is discarded unasked);
// - duplicate: asks the copy's name (prefilled "Copy of …"), then opens the copy.
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Dialog } from '@/app/components/dialog';
import { Field } from '@/app/components/form-field';
import { postAction } from './post-action';

export function RollbackButton({ flowId, number, nextNumber, draftHasChanges }: { flowId: string; number: number; nextNumber: number; draftHasChanges: boolean }) {
  const t = useTranslations('versions');
  const tc = useTranslations('common');
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [pending, setPending] = useState(false);
  const [replaceDraft, setReplaceDraft] = useState(!draftHasChanges);
  const [note, setNote] = useState('');
  const [error, setError] = useState('');
  const [done, setDone] = useState<{ number: number; kept: boolean } | null>(null);

  const openDialog = () => {
    setReplaceDraft(!draftHasChanges);
    setNote('');
    setError('');
    setOpen(true);
  };
  const rollback = async () => {
    setPending(true);
    setError('');
    const result = await postAction<{ number: number }>(`/api/flows/${flowId}/versions/${number}/rollback`, { replaceDraft, ...(note.trim() ? { note: note.trim() } : {}) });
    setPending(false);
    if (result.ok) {
      setOpen(false);
      setDone({ number: result.body.number, kept: !replaceDraft });
      router.refresh();
    } else setError(result.message || result.code);
  };

  return (
    <>
      <button type="button" className="button small" aria-label={t('rollbackNamed', { number })} onClick={openDialog}>
        {t('rollback')}
      </button>
      {done && (
        <span role="status" className="muted">
          {' '}
          {t(done.kept ? 'rolledBackDraftKept' : 'rolledBackDraftReplaced', { number: done.number, source: number })}
        </span>
      )}
      <Dialog
        open={open}
        title={t('rollbackTitle', { number })}
        role="alertdialog"
        onClose={() => setOpen(false)}
        onSubmit={rollback}
        footer={
          <>
            <button type="button" className="button" onClick={() => setOpen(false)} disabled={pending}>
              {tc('cancel')}
            </button>
            <button type="submit" className="button primary" disabled={pending} aria-busy={pending}>
              {pending ? t('publishing') : t('rollbackConfirm', { next: nextNumber })}
            </button>
          </>
        }
      >
        {error && (
          <div className="alert error" role="alert">
            {error}
          </div>
        )}
        <p>{t('rollbackGoesLive', { number, next: nextNumber })}</p>
        <fieldset className="choice-group">
          <legend>{draftHasChanges ? t('rollbackDraftHasChanges') : t('rollbackDraftSame')}</legend>
          <label>
            <input type="radio" name="draft" value="keep" checked={!replaceDraft} onChange={() => setReplaceDraft(false)} /> {t('rollbackKeepDraft')}
          </label>
          <label>
            <input type="radio" name="draft" value="replace" checked={replaceDraft} onChange={() => setReplaceDraft(true)} />{' '}
            {draftHasChanges ? t('rollbackReplaceDraftLosing', { number }) : t('rollbackReplaceDraft', { number })}
          </label>
        </fieldset>
        <Field label={t('note')} hint={t('noteHint')}>
          <textarea name="note" rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
        </Field>
      </Dialog>
    </>
  );
}

/** Copies the draft (no `number`) or version `number` into a new flow named in a dialog, then opens the copy. */
export function DuplicateButton({ flowId, flowName, number, small = true }: { flowId: string; flowName: string; number?: number; small?: boolean }) {
  const t = useTranslations('versions');
  const tc = useTranslations('common');
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState('');

  const duplicate = async () => {
    if (!name.trim()) {
      setError(t('duplicateNameRequired'));
      return;
    }
    setPending(true);
    setError('');
    const result = await postAction<{ id: string }>(`/api/flows/${flowId}/duplicate`, { ...(number ? { from: number } : {}), name: name.trim() });
    setPending(false);
    if (result.ok) router.push(`/flows/${result.body.id}`);
    else setError(result.message || result.code);
  };

  return (
    <>
      <button
        type="button"
        className={small ? 'button small' : 'button'}
        aria-label={number ? t('duplicateNamed', { number }) : undefined}
        onClick={() => {
          setName(t('copyName', { name: flowName }).slice(0, 120));
          setError('');
          setOpen(true);
        }}
      >
        {number ? t('duplicate') : t('duplicateDraft')}
      </button>
      <Dialog
        open={open}
        title={number ? t('duplicateVersionTitle', { number }) : t('duplicateTitle')}
        onClose={() => setOpen(false)}
        onSubmit={duplicate}
        footer={
          <>
            <button type="button" className="button" onClick={() => setOpen(false)} disabled={pending}>
              {tc('cancel')}
            </button>
            <button type="submit" className="button primary" disabled={pending} aria-busy={pending}>
              {pending ? tc('working') : t('duplicateSubmit')}
            </button>
          </>
        }
      >
        <p>{number ? t('duplicateVersionIntro', { number }) : t('duplicateIntro')}</p>
        <Field label={t('duplicateName')} error={error || undefined}>
          <input
            type="text"
            name="name"
            required
            autoFocus
            maxLength={120}
            value={name}
            onChange={(e) => {
              setName(e.target.value);
              setError('');
            }}
          />
        </Field>
      </Dialog>
    </>
  );
}
