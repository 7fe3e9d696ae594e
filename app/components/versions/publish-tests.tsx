'use client';
// The publish dialog's test-case parts (issue 17): before publishing, "N/M cases pass,
// coverage X %" (the editor passes its latest results); on 409 TESTS_FAILING, the failing cases
// with their mismatches in words and a box to tick before publishing anyway
// (`acknowledgeFailingTests: true`), like warnings; after publishing, the server's figures.
import { useTranslations } from 'next-intl';
import type { CaseMismatch } from '@/flow-runtime/simulator/types';
import { useMismatchText } from './use-mismatch-text';
import styles from './versions.module.css';

/** What the editor knows before publishing (its last run of the cases). */
export interface TestsSummary {
  passed: number;
  total: number;
  /** Coverage percent, null when not known yet. */
  percent: number | null;
  running?: boolean;
}

export interface FailingCase {
  caseId: string;
  name: string;
  mismatches: CaseMismatch[];
}

/** The failing cases of a 409 TESTS_FAILING body (`error.runs`, passed ones left out). */
export function failingCases(error: Record<string, unknown> | undefined): FailingCase[] {
  const runs = error?.runs;
  if (!Array.isArray(runs)) return [];
  return runs
    .filter((r): r is { caseId: string; name: string; passed: boolean; mismatches?: CaseMismatch[] } => !!r && typeof r === 'object' && (r as { passed?: unknown }).passed === false)
    .map((r) => ({ caseId: String(r.caseId), name: String(r.name ?? r.caseId), mismatches: Array.isArray(r.mismatches) ? r.mismatches : [] }));
}

export function TestsSummaryLine({ summary }: { summary: TestsSummary }) {
  const t = useTranslations('editor.flowTests.publish');
  let text: string;
  if (summary.running) text = t('summaryRunning');
  else if (summary.total === 0) text = t('noCases');
  else text = t('summary', { passed: summary.passed, total: summary.total, percent: summary.percent ?? 0 });
  const failing = summary.total > 0 && summary.passed < summary.total;
  return (
    <p className={failing ? styles.testsFailing : undefined} data-testid="publish-tests-summary">
      {text}
    </p>
  );
}

export function FailingTests({ cases, acknowledged, onAcknowledge, nodeName }: { cases: FailingCase[]; acknowledged: boolean; onAcknowledge: (value: boolean) => void; nodeName?: (id: string) => string }) {
  const t = useTranslations('editor.flowTests.publish');
  const mismatchText = useMismatchText(nodeName);
  return (
    <div className="alert" role="alert" data-testid="publish-failing-tests">
      <p>{t('failingTitle')}</p>
      <ul>
        {cases.map((c) => (
          <li key={c.caseId}>
            <strong>{c.name}</strong>
            {c.mismatches.length > 0 && (
              <ul>
                {c.mismatches.map((m, i) => (
                  <li key={i}>{mismatchText(m)}</li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
      <label className={styles.checkbox}>
        <input type="checkbox" checked={acknowledged} onChange={(e) => onAcknowledge(e.target.checked)} /> {t('acknowledge')}
      </label>
    </div>
  );
}

/** The 201 response's `tests` figures, after publishing. */
export function PublishedTests({ tests }: { tests: { passed: number; failed: number; coverage?: { percent?: number } | number } }) {
  const t = useTranslations('editor.flowTests.publish');
  const percent = typeof tests.coverage === 'number' ? tests.coverage : (tests.coverage?.percent ?? 0);
  return <p data-testid="publish-tests-result">{t('published', { passed: tests.passed, failed: tests.failed, percent })}</p>;
}
