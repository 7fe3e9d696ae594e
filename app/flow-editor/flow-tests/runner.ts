'use client';
// Runs the saved cases and records their results in the Tests panel's store: all of them after
// each successful save (on the saved document), or on demand (run all / run one, on the
// document as the editor has it). Runs are serialised; a save during a run is run after it.
import { coverage as coverageOf } from '@/flow-runtime/simulator/coverage';
import { documentTests } from '../core/document';
import { isDirty, useEditorStore } from '../store';
import { ContextUnavailable, runSavedCases } from './run-saved-cases';
import { useFlowTests } from './store';

let queue: Promise<void> = Promise.resolve();

function enqueue(task: () => Promise<void>): Promise<void> {
  queue = queue.then(task, task);
  return queue;
}

/** Runs the cases `ids` (default: all) of the editor's document, now. */
export function runCasesNow(ids?: readonly string[], on: 'saved' | 'editor' = 'editor'): Promise<void> {
  return enqueue(async () => {
    const editor = useEditorStore.getState();
    const document = editor.document();
    const all = documentTests(document) ?? [];
    const cases = ids ? all.filter((c) => ids.includes(c.id)) : all;
    const tests = useFlowTests.getState();
    tests.prune(all.map((c) => c.id));
    if (cases.length === 0) {
      tests.setResults([], on, all.length === 0 ? null : undefined);
      return;
    }
    tests.setRunning(true);
    try {
      const { runs } = await runSavedCases(editor.flowId, document, cases);
      const now = useFlowTests.getState();
      now.setResults(runs, on);
      // Coverage of every case's latest run, over the document they ran on.
      const latest = all.map((c) => useFlowTests.getState().results[c.id]?.run).filter((r) => r !== undefined);
      now.setResults([], on, coverageOf(document, latest));
    } catch (err) {
      useFlowTests.getState().setFailure(err instanceof ContextUnavailable ? 'context' : (err as Error).message || 'error');
    } finally {
      useFlowTests.getState().setRunning(false);
    }
  });
}

/**
 * After a successful save (status saved, nothing changed since): every case runs on the saved
 * document, once per revision. Also runs once when the editor opens (the loaded draft is saved).
 */
export function runAfterSave(): void {
  const editor = useEditorStore.getState();
  if (!editor.editable || editor.flowId === '') return;
  if (editor.save.status !== 'saved' || isDirty(editor)) return;
  const tests = useFlowTests.getState();
  if (tests.ranRevision === editor.save.revision) return;
  tests.setRanRevision(editor.save.revision);
  void runCasesNow(undefined, 'saved');
}
