'use client';
// Publishes the draft: a note, then the strict validation's verdict — errors listed (nothing
// published), or warnings listed with a box to tick before publishing again.
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Dialog } from '@/app/components/dialog';
import { Field } from '@/app/components/form-field';
import { postAction, type ActionProblem } from './post-action';
import styles from './versions.module.css';

export function PublishButton({ flowId, nextNumber, draftRevision }: { flowId: string; nextNumber: number; draftRevision?: number }) {
  const t = useTranslations('versions');
  const tc = useTranslations('common');
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const [pending, setPending] = useState(false);
  const [errors, setErrors] = useState<ActionProblem[]>([]);
  const [warnings, setWarnings] = useState<ActionProblem[]>([]);
  const [acknowledged, setAcknowledged] = useState(false);
  const [failure, setFailure] = useState('');
  const [done, setDone] = useState<number | null>(null);

  const reset = () => {
    setErrors([]);
    setWarnings([]);
    setAcknowledged(false);
    setFailure('');
  };

  const submit = async () => {
    if (warnings.length > 0 && !acknowledged) {
      setFailure(t('acknowledgeRequired'));
      return;
    }
    setPending(true);
    setFailure('');
    const result = await postAction<{ number: number }>(`/api/flows/${flowId}/publish`, {
      note: note.trim() || null,
      acknowledgeWarnings: acknowledged,
      ...(draftRevision ? { expectedRevision: draftRevision } : {}),
    });
    setPending(false);
    if (result.ok) {
      setOpen(false);
      setNote('');
      reset();
      setDone(result.body.number);
      router.refresh();
      return;
    }
    if (result.code === 'VALIDATION_FAILED' && result.problems.length > 0) {
      setErrors(result.problems.filter((p) => p.severity !== 'warning'));
      setWarnings([]);
    } else if (result.code === 'WARNINGS_NOT_ACKNOWLEDGED') {
      setErrors([]);
      setWarnings(result.problems);
    } else {
      setFailure(result.message || result.code);
    }
  };

  return (
    <>
      <button type="button" className="button primary" onClick={() => { reset(); setDone(null); setOpen(true); }}>
        {t('publish')}
      </button>
      {done !== null && (
        <p role="status" className={styles.status}>
          {t('published', { number: done })}
        </p>
      )}
      <Dialog
        open={open}
        title={t('publishTitle')}
        onClose={() => setOpen(false)}
        onSubmit={submit}
        footer={
          <>
            <button type="button" className="button" onClick={() => setOpen(false)}>
              {tc('cancel')}
            </button>
            <button type="submit" className="button primary" disabled={pending || errors.length > 0}>
              {pending ? t('publishing') : t('publish')}
            </button>
          </>
        }
      >
        <p>{t('publishIntro', { number: nextNumber })}</p>
        <Field label={t('note')} hint={t('noteHint')}>
          <textarea name="note" rows={2} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} />
        </Field>
        {errors.length > 0 && (
          <div className="alert error" role="alert" data-testid="publish-errors">
            <p>{t('errorsTitle')}</p>
            <ProblemList problems={errors} />
          </div>
        )}
        {warnings.length > 0 && (
          <div className="alert" role="alert" data-testid="publish-warnings">
            <p>{t('warningsTitle')}</p>
            <ProblemList problems={warnings} />
            <label className={styles.checkbox}>
              <input type="checkbox" checked={acknowledged} onChange={(e) => setAcknowledged(e.target.checked)} /> {t('acknowledge')}
            </label>
          </div>
        )}
        {failure && (
          <div className="alert error" role="alert">
            {failure}
          </div>
        )}
      </Dialog>
    </>
  );
}

function ProblemList({ problems }: { problems: ActionProblem[] }) {
  return (
    <ul>
      {problems.map((p, i) => (
        <li key={i}>
          {p.nodeId && <code>{p.nodeId}</code>} {p.message}
        </li>
      ))}
    </ul>
  );
}
