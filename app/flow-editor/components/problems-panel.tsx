'use client';
// Every problem of the flow, errors first; clicking one selects its step and pans to it.
import { useState } from 'react';
import { useTranslations } from 'next-intl';
import { useEditorStore } from '../store';
import { useProblemText } from '../hooks/use-problem-text';

export function ProblemsPanel() {
  const t = useTranslations('editor.problems');
  const problems = useEditorStore((s) => s.problems);
  const index = useEditorStore((s) => s.problemIndex);
  const edges = useEditorStore((s) => s.edges);
  const requestFocus = useEditorStore((s) => s.requestFocus);
  const [open, setOpen] = useState(true);
  const message = useProblemText();
  return (
    <section className={`problems-panel${open ? ' open' : ''}`} aria-labelledby="problems-title" data-testid="problems-panel">
      <header>
        <button type="button" className="button link small" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? '▾' : '▸'}
        </button>
        <h2 id="problems-title">{t('title')}</h2>
        <span className={`problem-count${index.errorCount ? ' error' : index.warningCount ? ' warning' : ' ok'}`} data-errors={index.errorCount}>
          {t('summary', { errors: index.errorCount, warnings: index.warningCount })}
        </span>
      </header>
      {open && (
        <ul>
          {problems.length === 0 && <li className="muted">{t('none')}</li>}
          {problems.map((p, i) => {
            const nodeId = p.nodeId ?? (p.edgeId ? edges.find((e) => e.id === p.edgeId)?.source : undefined);
            return (
              <li key={`${p.path}-${p.code}-${i}`} className={`problem ${p.severity}`} data-code={p.code}>
                <span className={`severity ${p.severity}`}>{p.severity === 'error' ? t('error') : t('warning')}</span>
                {nodeId ? (
                  <button type="button" className="button link small" onClick={() => requestFocus(nodeId)} aria-label={`${t('focus', { node: nodeId })}: ${message(p)}`}>
                    <code>{nodeId}</code> {message(p)}
                  </button>
                ) : (
                  <span>
                    <code>{t('flow')}</code> {message(p)}
                  </span>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
