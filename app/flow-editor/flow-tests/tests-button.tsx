'use client';
// The toolbar's "Tests (n)" button: opens the Tests panel; red when a case fails, green when
// they all pass (results of the last runs).
import { useTranslations } from 'next-intl';
import './flow-tests.css';
import type { FlowTestCase } from '@/flow-runtime/simulator/types';
import { useSidePanel } from '../side-panel';
import { useEditorStore } from '../store';
import { tally, useFlowTests } from './store';

const NO_CASES: FlowTestCase[] = [];

export function TestsButton() {
  const t = useTranslations('editor.flowTests');
  const cases = useEditorStore((s) => s.meta.tests ?? NO_CASES);
  const results = useFlowTests((s) => s.results);
  const running = useFlowTests((s) => s.running);
  const open = useSidePanel((s) => s.panel === 'tests');
  const counts = tally(cases.map((c) => c.id), results);
  const state = counts.failed > 0 ? 'failing' : counts.total > 0 && counts.passed === counts.total ? 'passing' : 'none';
  return (
    <button
      type="button"
      className={`button small tests-button ${state}`}
      aria-pressed={open}
      data-testid="tests-button"
      data-state={state}
      title={t('buttonTitle', { passed: counts.passed, failed: counts.failed, total: counts.total })}
      onClick={() => useSidePanel.getState().toggle('tests')}
    >
      {t('button', { count: cases.length })}
      {counts.failed > 0 && <span className="tests-badge" aria-label={t('failingBadge', { count: counts.failed })}>{counts.failed}</span>}
      {running && <span className="visually-hidden">{t('running')}</span>}
    </button>
  );
}
