'use client';
// Wires the saved cases into the editor (issue 17): runs them all after every successful save
// (and when the editor opens), and draws their coverage on the canvas (overlay `coverage`
// layer) while "show coverage" is on, following the edges as they change.
import { useEffect } from 'react';
import { useCanvasOverlay } from '../overlay/store';
import { useEditorStore } from '../store';
import { coverageLayer } from './coverage-layer';
import { runAfterSave } from './runner';
import type { TestsSummary } from '@/app/components/versions/publish-tests';
import { tally, useFlowTests } from './store';

export function useFlowTestsWiring() {
  const status = useEditorStore((s) => s.save.status);
  const revision = useEditorStore((s) => s.save.revision);
  const dirty = useEditorStore((s) => s.version !== s.save.savedVersion);
  const flowId = useEditorStore((s) => s.flowId);

  useEffect(() => {
    useFlowTests.getState().reset();
  }, [flowId]);

  useEffect(() => {
    if (status === 'saved' && !dirty) runAfterSave();
  }, [status, revision, dirty, flowId]);

  const show = useFlowTests((s) => s.showCoverage);
  const coverage = useFlowTests((s) => s.coverage);
  // Only the steps and connections matter (not positions: no redraw while dragging).
  const shape = useEditorStore((s) => `${s.nodes.map((n) => n.id).join('\u0000')}\u0001${s.edges.map((e) => `${e.source}:${e.sourceHandle}`).join('\u0000')}`);
  useEffect(() => {
    const { setCoverage } = useCanvasOverlay.getState();
    if (!show || !coverage) {
      setCoverage(null);
      return;
    }
    const { nodes, edges } = useEditorStore.getState();
    setCoverage(coverageLayer({ nodes, edges: edges.map((e) => ({ source: e.source, sourceOutput: e.sourceHandle })) }, coverage));
  }, [show, coverage, shape]);
  useEffect(() => () => useCanvasOverlay.getState().setCoverage(null), []);
}

/** "N/M cases pass, coverage X %" for the publish dialog, from the latest runs. */
export function useTestsSummary(): TestsSummary {
  const cases = useEditorStore((s) => s.meta.tests);
  const results = useFlowTests((s) => s.results);
  const running = useFlowTests((s) => s.running);
  const percent = useFlowTests((s) => s.coverage?.percent ?? null);
  const counts = tally((cases ?? []).map((c) => c.id), results);
  return { passed: counts.passed, total: counts.total, percent, running };
}
