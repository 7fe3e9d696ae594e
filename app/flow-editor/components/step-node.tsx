'use client';
// The one node component for every step type: the step's kind is data. Shows the type, the
// label, a one-line summary of the config, a target handle and one labelled source handle
// per output (stepOutputs: a menu's follow its keys), with problems as a badge and outline.
import { memo, useEffect, useMemo, useRef } from 'react';
import { Handle, Position, useUpdateNodeInternals, type NodeProps, type Node } from '@xyflow/react';
import { useTranslations } from 'next-intl';
import { STEP_METADATA, stepOutputs, type StepType } from '@/schemas';
import { outputKey, worstSeverity } from '../core/problems';
import { summarizeConfig } from '../core/step-registry';
import type { StepNodeData } from '../core/types';
import { useEditorStore } from '../store';
import { StepGlyph } from './step-glyph';
import { useProblemText } from '../hooks/use-problem-text';
import { displayedStepLabel } from '../core/step-label';
import { nodeStats, outputStats } from '../core/call-stats';
import { useCallStatsStore } from '../call-stats/store';
import { useCanvasOverlay } from '../overlay/store';
import { visitsLabel } from '../simulator/path-layer';

export type StepFlowNode = Node<StepNodeData, StepType>;

function StepNodeComponent({ id, type, data, selected }: NodeProps<StepFlowNode>) {
  const t = useTranslations('editor.node');
  const language = useEditorStore((s) => s.language);
  const isEntry = useEditorStore((s) => s.meta.entry === id);
  const problems = useEditorStore((s) => s.problemIndex.byNode.get(id));
  const references = useEditorStore((s) => s.references);
  const meta = STEP_METADATA[type];
  const outputs = useMemo(() => stepOutputs({ type, config: data.config }, language), [type, data.config, language]);
  const outputIds = outputs.map((o) => o.id).join('\u0000');
  const outputSeverities = useEditorStore((s) => outputs.map((o) => worstSeverity(s.problemIndex.byOutput.get(outputKey(id, o.id))) ?? '').join(','));
  const severities = outputSeverities.split(',');
  const summary = useMemo(
    () => summarizeConfig(type, data.config, language, (kind, refId) => references[kind].find((r) => r.id === refId)?.name),
    [type, data.config, language, references],
  );
  const updateNodeInternals = useUpdateNodeInternals();
  // React Flow measures handles on mount; re-measure only when the outputs change afterwards
  // (a menu key added), not for every node of a big flow as it appears.
  const measuredOutputs = useRef(outputIds);
  useEffect(() => {
    if (measuredOutputs.current === outputIds) return;
    measuredOutputs.current = outputIds;
    updateNodeInternals(id);
  }, [id, outputIds, updateNodeInternals]);

  // Calls on the canvas (issue 15): in this node now, and the period's figures when shown.
  const tStats = useTranslations('flowAnalytics');
  const liveCount = useCallStatsStore((s) => s.live[id] ?? 0);
  const stats = useCallStatsStore((s) => (s.showStats && s.status === 'ready' ? s.stats : null));
  const figures = stats ? nodeStats(stats, id) : null;

  // Drawn over the flow (issue 17): the simulated call's path and the test cases' coverage.
  const tOverlay = useTranslations('editor.simulator.canvas');
  const simMark = useCanvasOverlay((s) => s.simulation?.nodes[id]);
  const visits = useCanvasOverlay((s) => s.simulation?.order?.[id]);
  const coverageMark = useCanvasOverlay((s) => s.coverage?.nodes[id]);
  const outputMarks = useCanvasOverlay((s) => outputs.map((o) => s.simulation?.edges[`${id}:${o.id}`] ?? s.coverage?.edges[`${id}:${o.id}`] ?? '').join(',')).split(',');
  const overlayClass = `${simMark ? ` sim-${simMark}` : ''}${coverageMark ? ` cov-${coverageMark}` : ''}`;

  const severity = worstSeverity(problems);
  const problemMessage = useProblemText();
  const problemText = problems?.map((p) => problemMessage(p)).join('\n');
  return (
    <div
      className={`step-node category-${meta.category}${selected ? ' selected' : ''}${severity ? ` has-${severity}` : ''}${isEntry ? ' is-entry' : ''}${figures && figures.entered === 0 ? ' no-calls' : ''}${overlayClass}`}
      data-testid="step-node"
      data-step-type={type}
      data-node-id={id}
      data-sim={simMark}
      data-coverage={coverageMark}
    >
      <Handle type="target" position={Position.Left} className="step-target" aria-label={t('input')} />
      {isEntry && (
        <span className="entry-flag" title={t('entryTitle')}>
          ▶ {t('entry')}
        </span>
      )}
      {severity && (
        <span className={`problem-badge ${severity}`} title={problemText} data-testid="node-problem-badge">
          {severity === 'error' ? '!' : '⚠'} {problems!.length}
          <span className="visually-hidden">{t('problems', { count: problems!.length })}</span>
        </span>
      )}
      {liveCount > 0 && (
        <span className="node-live-count" data-testid="node-live-count" title={tStats('liveInNode', { count: liveCount })}>
          <span aria-hidden>●</span> {liveCount}
          <span className="visually-hidden">{tStats('liveInNode', { count: liveCount })}</span>
        </span>
      )}
      {simMark && (
        <span className={`sim-order ${simMark}`} data-testid="sim-order" title={simMark === 'current' ? tOverlay('current') : tOverlay('visited', { order: (visits ?? []).join(', ') })}>
          <span aria-hidden>{simMark === 'current' && !visits?.length ? '●' : visitsLabel(visits ?? [])}</span>
          <span className="visually-hidden">{simMark === 'current' ? tOverlay('current') : tOverlay('visited', { order: (visits ?? []).join(', ') })}</span>
        </span>
      )}
      {coverageMark && <span className="visually-hidden">{tOverlay(coverageMark)}</span>}
      <div className="step-node-header">
        <StepGlyph type={type} />
        <span className="step-type">{meta.title[language]}</span>
      </div>
      <div className="step-label">{displayedStepLabel(data.label, type, language) || id}</div>
      <div className="step-summary" title={summary}>
        {summary}
      </div>
      {figures && (
        <div className="node-stats" data-testid="node-stats" data-entered={figures.entered} data-ended={figures.ended}>
          <span>{tStats('nodeEntered', { count: figures.entered })}</span>
          {figures.ended > 0 && <span className="ended">{tStats('nodeEnded', { count: figures.ended })}</span>}
        </div>
      )}
      {outputs.length > 0 && (
        <ul className="step-outputs">
          {outputs.map((o, i) => (
            <li
              key={o.id}
              className={`step-output${o.required ? ' required' : ' optional'}${severities[i] ? ` has-${severities[i]}` : ''}${outputMarks[i] ? ` out-${outputMarks[i]}` : ''}`}
              data-output={o.id}
              data-mark={outputMarks[i] || undefined}
              title={o.required ? `${o.label} (${t('requiredOutput')})` : o.label}
            >
              {stats && <OutputFigure {...outputStats(stats, id, o.id)} />}
              <span className="output-label">{o.label}</span>
              <Handle type="source" position={Position.Right} id={o.id} className="step-source" />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** An output's figure on the node: calls that left by it, and their share of the node's visits. */
function OutputFigure({ taken, percent }: { taken: number; percent: number | null }) {
  const t = useTranslations('flowAnalytics');
  return (
    <span className="output-stat" data-testid="output-stat">
      {percent !== null && taken > 0 ? t('share', { taken, percent }) : taken}
    </span>
  );
}

export const StepNode = memo(StepNodeComponent);
