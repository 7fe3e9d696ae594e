'use client';
// The versions page's canary controls (issue 17): start a canary (version, share, numbers) or
// change it, promote it (its document becomes version N+1, live for every new call) or stop it;
// each behind a dialog saying what will happen. Calls in progress keep their version.
// When the draft differs from live, the first choice is the draft itself: it is published as a
// canary version (numbered next, never live until promoted) after the same checks as publish.
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Dialog } from '@/app/components/dialog';
import { Field } from '@/app/components/form-field';
import { canaryRequest } from './canary-request';
import styles from './canary.module.css';

export interface CanaryControlsProps {
  flowId: string;
  liveNumber: number | null;
  /** Published versions other than the live one, newest first. */
  candidates: number[];
  /** The draft differs from the live version: offer to publish it as canary. */
  draftHasChanges: boolean;
  /** The number the next published (or canary) version gets. */
  nextNumber: number;
  /** The organisation's numbers routing to this flow. */
  numbers: { id: string; e164: string; label: string | null }[];
  canary: { number: number; percent: number; numberIds: string[] } | null;
}

type Open = null | 'start' | 'promote' | 'stop';

export function CanaryControls({ flowId, liveNumber, candidates, numbers, canary, draftHasChanges, nextNumber }: CanaryControlsProps) {
  const t = useTranslations('canary');
  const tc = useTranslations('common');
  const router = useRouter();
  const [open, setOpen] = useState<Open>(null);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState('');
  const [version, setVersion] = useState<number | 'draft' | ''>('');
  const [acknowledged, setAcknowledged] = useState(false);
  const [warningsAsked, setWarningsAsked] = useState(false);
  const [testsAsked, setTestsAsked] = useState(false);
  const [percent, setPercent] = useState('10');
  const [numberIds, setNumberIds] = useState<string[]>([]);
  const [done, setDone] = useState('');

  const show = (which: Open) => {
    setError('');
    setDone('');
    if (which === 'start') {
      setVersion(draftHasChanges ? 'draft' : (canary?.number ?? candidates[0] ?? ''));
      setAcknowledged(false);
      setWarningsAsked(false);
      setTestsAsked(false);
      setPercent(String(canary?.percent ?? 10));
      setNumberIds(canary?.numberIds ?? []);
    }
    setOpen(which);
  };

  const fail = (r: { code: string; message: string; path?: string }) => {
    const field = r.path === '/percent' ? t('start.percent') : r.path === '/version' ? t('start.version') : r.path?.startsWith('/numberIds') ? t('start.numbers') : '';
    setError(field ? t('errorField', { field, message: r.message }) : r.message || r.code);
  };

  const start = async () => {
    const p = Number(percent);
    if (!Number.isInteger(p) || p < 1 || p > 99) return setError(t('start.percentInvalid'));
    if (version === '') return setError(t('start.versionRequired'));
    setPending(true);
    const body = version === 'draft' ? { version, percent: p, numberIds, acknowledgeWarnings: acknowledged, acknowledgeFailingTests: acknowledged && testsAsked } : { version, percent: p, numberIds };
    const r = await canaryRequest<{ canary: { version: { number: number } } }>('PUT', `/api/flows/${flowId}/canary`, body);
    setPending(false);
    if (!r.ok) {
      if (r.code === 'WARNINGS_NOT_ACKNOWLEDGED') {
        setWarningsAsked(true);
        return setError(t('start.warnings'));
      }
      if (r.code === 'TESTS_FAILING') {
        // asked separately: ticking the box for the warnings never acknowledged failing cases unseen
        setWarningsAsked(true);
        setTestsAsked(true);
        setAcknowledged(false);
        return setError(t('start.testsFailing'));
      }
      return fail(r);
    }
    setOpen(null);
    setDone(version === 'draft' ? t('draftPublished', { number: r.body.canary.version.number, percent: p }) : t(canary ? 'changed' : 'started', { number: version, percent: p }));
    router.refresh();
  };
  const promote = async () => {
    setPending(true);
    const r = await canaryRequest<{ number: number }>('POST', `/api/flows/${flowId}/canary/promote`, {});
    setPending(false);
    if (!r.ok) return fail(r);
    setOpen(null);
    setDone(t('promoted', { number: r.body.number, source: canary?.number ?? 0 }));
    router.refresh();
  };
  const stop = async () => {
    setPending(true);
    const r = await canaryRequest('DELETE', `/api/flows/${flowId}/canary`);
    setPending(false);
    if (!r.ok) return fail(r);
    setOpen(null);
    setDone(t('stopped', { live: liveNumber ?? 0 }));
    router.refresh();
  };

  const footer = (submit: string) => (
    <>
      <button type="button" className="button" onClick={() => setOpen(null)} disabled={pending}>
        {tc('cancel')}
      </button>
      <button type="submit" className="button primary" disabled={pending} aria-busy={pending}>
        {pending ? tc('working') : submit}
      </button>
    </>
  );
  const errorBox = error && (
    <div className="alert error" role="alert">
      {error}
    </div>
  );
  const pctNumber = Number(percent);

  return (
    <>
      <div className="button-row">
        {canary ? (
          <>
            <button type="button" className="button" onClick={() => show('start')}>
              {t('change')}
            </button>
            <button type="button" className="button primary" onClick={() => show('promote')}>
              {t('promote')}
            </button>
            <button type="button" className="button danger" onClick={() => show('stop')}>
              {t('stop')}
            </button>
          </>
        ) : (
          <button type="button" className="button" onClick={() => show('start')} disabled={candidates.length === 0 && !draftHasChanges} title={candidates.length === 0 && !draftHasChanges ? t('noCandidate') : undefined}>
            {t('start.button')}
          </button>
        )}
      </div>
      {done && (
        <p role="status" className="muted">
          {done}
        </p>
      )}

      <Dialog open={open === 'start'} title={canary ? t('start.changeTitle') : t('start.title')} role="alertdialog" onClose={() => setOpen(null)} onSubmit={start} footer={footer(canary ? t('start.changeSubmit') : t('start.submit'))}>
        {errorBox}
        <p>{t('start.intro', { live: liveNumber ?? 0 })}</p>
        <Field label={t('start.version')}>
          <select
            name="version"
            value={String(version)}
            onChange={(e) => {
              setVersion(e.target.value === 'draft' ? 'draft' : e.target.value ? Number(e.target.value) : '');
              setError('');
            }}
          >
            {draftHasChanges && <option value="draft">{t('draftOption', { next: nextNumber })}</option>}
            {candidates.map((n) => (
              <option key={n} value={String(n)}>
                {t('versionOption', { number: n })}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('start.percent')} hint={t('start.percentHint')}>
          <input
            type="number"
            name="percent"
            min={1}
            max={99}
            step={1}
            required
            value={percent}
            onChange={(e) => {
              setPercent(e.target.value);
              setError('');
            }}
          />
        </Field>
        {numbers.length > 0 && (
          <fieldset className={`choice-group ${styles.numbers}`}>
            <legend>{t('start.numbers')}</legend>
            <p className="muted">{t('start.numbersHint')}</p>
            {numbers.map((n) => (
              <label key={n.id}>
                <input
                  type="checkbox"
                  name="numberIds"
                  value={n.id}
                  checked={numberIds.includes(n.id)}
                  onChange={(e) => setNumberIds((ids) => (e.target.checked ? [...ids, n.id] : ids.filter((id) => id !== n.id)))}
                />{' '}
                {n.label ? `${n.e164} (${n.label})` : n.e164}
              </label>
            ))}
          </fieldset>
        )}
        {version !== '' && Number.isInteger(pctNumber) && pctNumber >= 1 && pctNumber <= 99 && (
          <p data-testid="canary-start-summary">
            {version === 'draft'
              ? t('start.summaryDraft', { next: nextNumber, percent: pctNumber, rest: 100 - pctNumber, live: liveNumber ?? 0, numbers: numberIds.length })
              : t('start.summary', { number: version, percent: pctNumber, rest: 100 - pctNumber, live: liveNumber ?? 0, numbers: numberIds.length })}
          </p>
        )}
        {version === 'draft' && warningsAsked && (
          <label>
            <input type="checkbox" checked={acknowledged} onChange={(e) => setAcknowledged(e.target.checked)} /> {t('start.acknowledge')}
          </label>
        )}
      </Dialog>

      <Dialog open={open === 'promote'} title={t('promoteTitle', { number: canary?.number ?? 0 })} role="alertdialog" onClose={() => setOpen(null)} onSubmit={promote} footer={footer(t('promoteConfirm', { next: nextNumber }))}>
        {errorBox}
        <p>{t('promoteText', { number: canary?.number ?? 0, next: nextNumber })}</p>
      </Dialog>

      <Dialog open={open === 'stop'} title={t('stopTitle', { number: canary?.number ?? 0 })} role="alertdialog" onClose={() => setOpen(null)} onSubmit={stop} footer={footer(t('stopConfirm'))}>
        {errorBox}
        <p>{t('stopText', { number: canary?.number ?? 0, live: liveNumber ?? 0 })}</p>
      </Dialog>
    </>
  );
}
