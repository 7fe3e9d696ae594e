'use client';
// The Tests panel (issue 17): the draft's saved test cases with their last result (✓ / ✗, when,
// mismatches in words), rename, delete, run one, run all; the coverage figure and the "show
// coverage" toggle (overlay layer drawn on the canvas). Cases are added by the simulator's
// "Save as test case"; they all run after every save (runner.ts).
import { useState } from 'react';
import './flow-tests.css';
import { useLocale, useTranslations } from 'next-intl';
import type { FlowTestCase } from '@/flow-runtime/simulator/types';
import { useEditorStore } from '../store';
import { runCasesNow } from './runner';
import { tally, useFlowTests, type CaseResult } from './store';
import { useMismatchText } from '@/app/components/versions/use-mismatch-text';
import { useEditorNodeName } from './use-node-name';

const NO_CASES: FlowTestCase[] = [];

export function TestsPanel({ onClose }: { onClose: () => void }) {
  const t = useTranslations('editor.flowTests');
  const cases = useEditorStore((s) => s.meta.tests ?? NO_CASES);
  const editable = useEditorStore((s) => s.editable);
  const results = useFlowTests((s) => s.results);
  const coverage = useFlowTests((s) => s.coverage);
  const running = useFlowTests((s) => s.running);
  const failure = useFlowTests((s) => s.failure);
  const showCoverage = useFlowTests((s) => s.showCoverage);
  const counts = tally(cases.map((c) => c.id), results);

  return (
    <aside className="inspector flow-tests-panel" aria-labelledby="flow-tests-title" data-testid="tests-panel">
      <div className="flow-tests-head">
        <h2 id="flow-tests-title">{t('title')}</h2>
        <button type="button" className="button link small" onClick={onClose} aria-label={t('close')} title={t('close')}>
          ✕
        </button>
      </div>
      <p className="muted small">{t('intro')}</p>
      <div className="flow-tests-summary" data-testid="tests-summary">
        <span className={`tag${counts.failed > 0 ? ' failing' : counts.passed === counts.total && counts.total > 0 ? ' passing' : ''}`}>
          {t('summary', { passed: counts.passed, total: counts.total })}
        </span>
        {coverage && (
          <span className="tag" data-testid="tests-coverage" title={t('coverageDetail', { nodes: coverage.nodes.covered, nodesTotal: coverage.nodes.total, outputs: coverage.outputs.covered, outputsTotal: coverage.outputs.total })}>
            {t('coverage', { percent: coverage.percent })}
          </span>
        )}
        <button type="button" className="button small" onClick={() => void runCasesNow()} disabled={running || cases.length === 0}>
          {running ? t('running') : t('runAll')}
        </button>
      </div>
      {coverage && (
        <p className="muted small">{t('coverageDetail', { nodes: coverage.nodes.covered, nodesTotal: coverage.nodes.total, outputs: coverage.outputs.covered, outputsTotal: coverage.outputs.total })}</p>
      )}
      <label className="flow-tests-toggle">
        <input type="checkbox" checked={showCoverage} disabled={!coverage} onChange={(e) => useFlowTests.getState().setShowCoverage(e.target.checked)} /> {t('showCoverage')}
      </label>
      {failure && (
        <div className="alert error small" role="alert">
          {failure === 'context' ? t('contextFailure') : t('runFailure', { message: failure })}
        </div>
      )}
      {cases.length === 0 ? (
        <p className="muted">{t('empty')}</p>
      ) : (
        <ul className="flow-tests-list">
          {cases.map((c) => (
            <CaseItem key={c.id} testCase={c} result={results[c.id]} running={running} editable={editable} />
          ))}
        </ul>
      )}
    </aside>
  );
}

function CaseItem({ testCase, result, running, editable }: { testCase: FlowTestCase; result?: CaseResult; running: boolean; editable: boolean }) {
  const t = useTranslations('editor.flowTests');
  const locale = useLocale();
  const nodeName = useEditorNodeName();
  const mismatchText = useMismatchText(nodeName);
  const [renaming, setRenaming] = useState(false);
  const [name, setName] = useState(testCase.name);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const state = !result ? 'not-run' : result.run.passed ? 'passed' : 'failed';
  const { updateTestCase, removeTestCase } = useEditorStore.getState();

  const rename = () => {
    const next = name.trim();
    if (next && next !== testCase.name) updateTestCase(testCase.id, { name: next });
    setRenaming(false);
  };

  return (
    <li className={`flow-test ${state}`} data-testid="test-case" data-case-id={testCase.id} data-state={state}>
      <div className="flow-test-row">
        <span className={`flow-test-icon ${state}`} aria-hidden>
          {state === 'passed' ? '✓' : state === 'failed' ? '✗' : '…'}
        </span>
        <span className="visually-hidden">{state === 'passed' ? t('passed') : state === 'failed' ? t('failed') : t('notRun')}</span>
        {renaming ? (
          <form
            className="flow-test-rename"
            onSubmit={(e) => {
              e.preventDefault();
              rename();
            }}
          >
            <input aria-label={t('renameLabel')} value={name} maxLength={120} autoFocus onChange={(e) => setName(e.target.value)} onKeyDown={(e) => e.key === 'Escape' && setRenaming(false)} />
            <button type="submit" className="button small">
              {t('renameSave')}
            </button>
          </form>
        ) : (
          <span className="flow-test-name">{testCase.name}</span>
        )}
      </div>
      <div className="flow-test-meta muted small">
        {result ? t(result.on === 'saved' ? 'lastRunSaved' : 'lastRun', { time: new Date(result.at).toLocaleTimeString(locale) }) : t('notRun')}
      </div>
      {result && !result.run.passed && (
        <ul className="flow-test-mismatches" data-testid="test-mismatches">
          {result.run.mismatches.map((m, i) => (
            <li key={i}>{mismatchText(m)}</li>
          ))}
        </ul>
      )}
      <div className="flow-test-actions">
        <button type="button" className="button small" onClick={() => void runCasesNow([testCase.id])} disabled={running}>
          {t('run')}
        </button>
        {editable && !renaming && (
          <button
            type="button"
            className="button small"
            onClick={() => {
              setName(testCase.name);
              setRenaming(true);
            }}
          >
            {t('rename')}
          </button>
        )}
        {editable &&
          (confirmDelete ? (
            <>
              <button type="button" className="button small danger" onClick={() => removeTestCase(testCase.id)}>
                {t('confirmDelete', { name: testCase.name })}
              </button>
              <button type="button" className="button small" onClick={() => setConfirmDelete(false)}>
                {t('cancel')}
              </button>
            </>
          ) : (
            <button type="button" className="button small" onClick={() => setConfirmDelete(true)}>
              {t('delete')}
            </button>
          ))}
      </div>
    </li>
  );
}
