'use client';
// The selected step's configuration: label, start flag, the form generated from the step's
// JSON Schema (widgets/), its outputs with their connection state and its problems.
import { useMemo } from 'react';
import { useTranslations } from 'next-intl';
import { STEP_METADATA, stepOutputs } from '@/schemas';
import { problemConfigPath } from '../core/problems';
import { stepForm } from '../core/schema-form';
import { useEditorStore } from '../store';
import { StepGlyph } from './step-glyph';
import { FormContext, type FormContextValue } from '../widgets/field-context';
import { FieldList } from '../widgets/schema-form';
import { useProblemText } from '../hooks/use-problem-text';

export function Inspector({ onRefreshReferences }: { onRefreshReferences: () => void }) {
  const t = useTranslations('editor.inspector');
  const selected = useEditorStore((s) => s.nodes.filter((n) => n.selected).map((n) => n.id).join('\u0000'));
  const ids = selected ? selected.split('\u0000') : [];
  return (
    <aside className="inspector" aria-labelledby="inspector-title">
      <h2 id="inspector-title">{t('title')}</h2>
      {ids.length === 0 && <p className="muted">{t('empty')}</p>}
      {ids.length > 1 && <p className="muted">{t('multi', { count: ids.length })}</p>}
      {ids.length === 1 && <NodeInspector key={ids[0]} nodeId={ids[0]} onRefreshReferences={onRefreshReferences} />}
    </aside>
  );
}

function NodeInspector({ nodeId, onRefreshReferences }: { nodeId: string; onRefreshReferences: () => void }) {
  const t = useTranslations('editor.inspector');
  const problemText = useProblemText();
  // data and type only, so dragging the node does not re-render the form.
  const data = useEditorStore((s) => s.nodes.find((n) => n.id === nodeId)?.data);
  const type = useEditorStore((s) => s.nodes.find((n) => n.id === nodeId)?.type);
  const language = useEditorStore((s) => s.language);
  const isEntry = useEditorStore((s) => s.meta.entry === nodeId);
  const editable = useEditorStore((s) => s.editable);
  const references = useEditorStore((s) => s.references);
  const nodeProblems = useEditorStore((s) => s.problemIndex.byNode.get(nodeId));
  const edges = useEditorStore((s) => s.edges);
  const { updateNode, setEntry, deleteSelection, duplicateSelection, requestFocus } = useEditorStore.getState();

  const context: FormContextValue = useMemo(
    () => ({
      nodeId,
      stepType: type,
      references,
      language,
      onRefreshReferences,
      problems: (nodeProblems ?? []).flatMap((problem) => {
        const configPath = problemConfigPath(problem);
        return configPath === undefined ? [] : [{ configPath, problem }];
      }),
    }),
    [nodeId, type, references, language, onRefreshReferences, nodeProblems],
  );
  if (!data || !type) return null;
  const node = { id: nodeId, type, data };
  const meta = STEP_METADATA[node.type];
  const fields = stepForm(meta.schema);
  const outputs = stepOutputs({ type: node.type, config: node.data.config }, language);
  const targetOf = (output: string) => edges.find((e) => e.source === nodeId && e.sourceHandle === output)?.target;
  const labelId = `inspector-label-${nodeId}`;

  return (
    <div className="node-inspector" data-testid="node-inspector">
      <div className="inspector-head">
        <StepGlyph type={node.type} className={`category-${meta.category}`} />
        <div>
          <strong>{meta.title[language]}</strong>
          <div className="muted small">
            {t('id')}: <code>{node.id}</code>
          </div>
        </div>
      </div>
      <p className="muted small">{meta.description[language]}</p>
      <fieldset disabled={!editable} className="inspector-form">
        <div className="field">
          <label htmlFor={labelId}>{t('label')}</label>
          <input id={labelId} type="text" maxLength={120} value={node.data.label ?? ''} onChange={(e) => updateNode(nodeId, { label: e.target.value }, `label:${nodeId}`)} />
        </div>
        <div className="button-row inspector-actions">
          {isEntry ? (
            <span className="tag ok">▶ {t('isEntry')}</span>
          ) : (
            <button type="button" className="button small" onClick={() => setEntry(nodeId)}>
              ▶ {t('setEntry')}
            </button>
          )}
          <button type="button" className="button small" onClick={duplicateSelection}>
            {t('duplicate')}
          </button>
          <button type="button" className="button small danger-outline" onClick={deleteSelection}>
            {t('delete')}
          </button>
        </div>
        <FormContext.Provider value={context}>
          <FieldList fields={fields} value={node.data.config} path={[]} onChange={(config) => updateNode(nodeId, { config })} />
        </FormContext.Provider>
      </fieldset>
      {outputs.length > 0 && (
        <section className="inspector-outputs">
          <h3>{t('outputs')}</h3>
          <ul>
            {outputs.map((o) => {
              const target = targetOf(o.id);
              return (
                <li key={o.id} className={o.required ? 'required' : 'optional'}>
                  <span className="output-name">{o.label}</span>{' '}
                  {target ? (
                    <button type="button" className="button link small" onClick={() => requestFocus(target)}>
                      → {target}
                    </button>
                  ) : (
                    <span className="muted">
                      {o.fallback ? t('fallsBackTo', { output: outputs.find((x) => x.id === o.fallback)?.label ?? o.fallback }) : t('notConnected')}
                    </span>
                  )}
                </li>
              );
            })}
          </ul>
        </section>
      )}
      {nodeProblems && nodeProblems.length > 0 && (
        <section className="inspector-problems">
          <h3>{t('problemsHere')}</h3>
          <ul>
            {nodeProblems.map((p, i) => (
              <li key={i} className={`problem ${p.severity}`}>
                {problemText(p)}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
