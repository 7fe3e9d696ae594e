'use client';
// The publish dialog, shared by the flow and versions pages (PublishButton) and the flow
// editor: a note, then the strict validation's verdict — errors listed (nothing published),
// or warnings listed with a box to tick before "Publish anyway". The editor passes `prepare`
// (save pending changes first), `onSelectProblem` (errors become links to their step) and
// `confirmInDialog` (the dialog stays open on "Version N published" with a link to the history).
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Dialog } from '@/app/components/dialog';
import { Field } from '@/app/components/form-field';
import { postAction, type ActionProblem } from './post-action';
import styles from './versions.module.css';
import { useProblemMessage } from '../use-problem-message';
import { FailingTests, PublishedTests, TestsSummaryLine, failingCases, type FailingCase, type TestsSummary } from './publish-tests';

/** What `prepare` says: go on (with the draft revision to publish), or why not (nothing published). */
export type PublishPreparation = { ok: true; revision?: number } | { ok: false; message: string; problems?: ActionProblem[] };

export interface PublishedVersion {
  number: number;
  document?: unknown;
  /** The draft's test cases as the server ran them before publishing (issue 17). */
  tests?: { passed: number; failed: number; coverage?: { percent?: number } | number };
}

export interface PublishDialogProps {
  open: boolean;
  onClose: () => void;
  flowId: string;
  nextNumber: number;
  /** The draft revision reviewed (publishing is refused with 409 if the draft changed since). */
  draftRevision?: number;
  /** Runs before each attempt; may refuse (e.g. unsaved changes that cannot be saved). */
  prepare?: () => Promise<PublishPreparation>;
  /** When given, each problem about a step (nodeId or edgeId) is a button calling it. */
  onSelectProblem?: (problem: ActionProblem) => void;
  onPublished?: (version: PublishedVersion) => void;
  /** Keep the dialog open after success, showing the number and a link to the versions page. */
  confirmInDialog?: boolean;
  /** The editor's latest run of the draft's test cases: "N/M cases pass, coverage X %" (issue 17). */
  tests?: TestsSummary | null;
  /** Names failing cases' steps (the editor: the steps' labels); default their ids. */
  nodeName?: (id: string) => string;
}

/** A fresh dialog (no earlier verdict) each time it opens. */
export function PublishDialog(props: PublishDialogProps) {
  const [session, setSession] = useState(0);
  const [wasOpen, setWasOpen] = useState(props.open);
  if (props.open !== wasOpen) {
    setWasOpen(props.open);
    if (props.open) setSession((s) => s + 1);
  }
  return <PublishDialogSession key={session} {...props} />;
}

function PublishDialogSession({ open, onClose, flowId, nextNumber, draftRevision, prepare, onSelectProblem, onPublished, confirmInDialog, tests, nodeName }: PublishDialogProps) {
  const t = useTranslations('versions');
  const tc = useTranslations('common');
  const tTests = useTranslations('editor.flowTests.publish');
  const [note, setNote] = useState('');
  const [phase, setPhase] = useState<'idle' | 'saving' | 'publishing'>('idle');
  const [errors, setErrors] = useState<ActionProblem[]>([]);
  const [warnings, setWarnings] = useState<ActionProblem[]>([]);
  const [acknowledged, setAcknowledged] = useState(false);
  const [failure, setFailure] = useState('');
  const [done, setDone] = useState<number | null>(null);
  // Issue 17: failing test cases (409 TESTS_FAILING) to acknowledge, and the server's figures.
  const [failingTests, setFailingTests] = useState<FailingCase[]>([]);
  const [testsAcknowledged, setTestsAcknowledged] = useState(false);
  const [publishedTests, setPublishedTests] = useState<PublishedVersion['tests']>(undefined);

  const submit = async () => {
    if (done !== null) return onClose();
    if (warnings.length > 0 && !acknowledged) {
      setFailure(t('acknowledgeRequired'));
      return;
    }
    if (failingTests.length > 0 && !testsAcknowledged) {
      setFailure(tTests('acknowledgeRequired'));
      return;
    }
    setFailure('');
    let revision = draftRevision;
    if (prepare) {
      setPhase('saving');
      const ready = await prepare();
      if (!ready.ok) {
        setPhase('idle');
        setFailure(ready.message);
        if (ready.problems && ready.problems.length > 0) {
          setErrors(ready.problems);
          setWarnings([]);
        }
        return;
      }
      revision = ready.revision ?? revision;
    }
    setPhase('publishing');
    const result = await postAction<PublishedVersion>(`/api/flows/${flowId}/publish`, {
      note: note.trim() || null,
      acknowledgeWarnings: acknowledged,
      ...(failingTests.length > 0 && testsAcknowledged ? { acknowledgeFailingTests: true } : {}),
      ...(revision ? { expectedRevision: revision } : {}),
    });
    setPhase('idle');
    if (result.ok) {
      setErrors([]);
      setWarnings([]);
      setNote('');
      setFailingTests([]);
      setPublishedTests(result.body.tests);
      if (confirmInDialog) setDone(result.body.number);
      else onClose();
      onPublished?.(result.body);
      return;
    }
    if (result.code === 'VALIDATION_FAILED' && result.problems.length > 0) {
      setErrors(result.problems.filter((p) => p.severity !== 'warning'));
      setWarnings([]);
    } else if (result.code === 'WARNINGS_NOT_ACKNOWLEDGED') {
      setErrors([]);
      setWarnings(result.problems);
    } else if (result.code === 'TESTS_FAILING') {
      // Warnings are checked first: the ones acknowledged stay listed and ticked.
      setErrors([]);
      setFailingTests(failingCases(result.error));
      setTestsAcknowledged(false);
    } else if (result.code === 'CONFLICT') {
      setFailure(t('conflictFailure'));
    } else if (result.code === 'network_error') {
      setFailure(t('networkFailure'));
    } else {
      setFailure(result.message || result.code);
    }
  };

  const pending = phase !== 'idle';
  return (
    <Dialog
      open={open}
      title={t('publishTitle')}
      onClose={onClose}
      onSubmit={submit}
      footer={
        done !== null ? (
          <button type="submit" className="button primary">
            {t('close')}
          </button>
        ) : (
          <>
            <button type="button" className="button" onClick={onClose}>
              {tc('cancel')}
            </button>
            <button type="submit" className="button primary" disabled={pending || errors.length > 0}>
              {phase === 'saving' ? t('publishSaving') : phase === 'publishing' ? t('publishing') : warnings.length > 0 || failingTests.length > 0 ? t('publishAnyway') : t('publish')}
            </button>
          </>
        )
      }
    >
      {done !== null ? (
        <div className="alert success" data-testid="publish-done">
          <p role="status">{t('published', { number: done })}</p>
          {publishedTests && <PublishedTests tests={publishedTests} />}
          <p>
            <Link href={`/flows/${flowId}/versions`}>{t('viewVersions')}</Link>
          </p>
        </div>
      ) : (
        <>
          <p>{t('publishIntro', { number: nextNumber })}</p>
          {tests && <TestsSummaryLine summary={tests} />}
          <Field label={t('note')} hint={t('noteHint')}>
            <textarea name="note" rows={2} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} />
          </Field>
          {errors.length > 0 && (
            <div className="alert error" role="alert" data-testid="publish-errors">
              <p>{t('errorsTitle')}</p>
              <ProblemList problems={errors} onSelect={onSelectProblem} />
            </div>
          )}
          {warnings.length > 0 && (
            <div className="alert" role="alert" data-testid="publish-warnings">
              <p>{t('warningsTitle')}</p>
              <ProblemList problems={warnings} onSelect={onSelectProblem} />
              <label className={styles.checkbox}>
                <input type="checkbox" checked={acknowledged} onChange={(e) => setAcknowledged(e.target.checked)} /> {t('acknowledge')}
              </label>
            </div>
          )}
          {failingTests.length > 0 && <FailingTests cases={failingTests} acknowledged={testsAcknowledged} onAcknowledge={setTestsAcknowledged} nodeName={nodeName} />}
          {failure && (
            <div className="alert error" role="alert" data-testid="publish-failure">
              {failure}
            </div>
          )}
        </>
      )}
    </Dialog>
  );
}

function ProblemList({ problems, onSelect }: { problems: ActionProblem[]; onSelect?: (problem: ActionProblem) => void }) {
  const t = useTranslations('versions');
  const message = useProblemMessage();
  return (
    <ul>
      {problems.map((p, i) => (
        <li key={i}>
          {onSelect && (p.nodeId || p.edgeId) ? (
            <button type="button" className={`button link small ${styles.problemLink}`} onClick={() => onSelect(p)} title={t('showStep')}>
              {p.nodeId && <code>{p.nodeId}</code>} {message(p)}
            </button>
          ) : (
            <>
              {p.nodeId && <code>{p.nodeId}</code>} {message(p)}
            </>
          )}
        </li>
      ))}
    </ul>
  );
}
