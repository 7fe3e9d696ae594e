'use client';
// The Tests panel's state (issue 17): the last run of each saved case (by case id), the
// coverage of the last "run all", whether a run is going on, and the "show coverage" toggle.
// The cases themselves are document data (editor store, `meta.tests`); only results live here.
import { create } from 'zustand';
import type { CaseRun, Coverage } from '@/flow-runtime/simulator/types';

export interface CaseResult {
  run: CaseRun;
  /** When it ran (ms since epoch). */
  at: number;
  /** What it ran on: the saved draft (after a save) or the editor's document as it was. */
  on: 'saved' | 'editor';
}

interface FlowTestsState {
  results: Record<string, CaseResult>;
  coverage: Coverage | null;
  running: boolean;
  /** Why the last run could not run at all (context unavailable…). */
  failure: string | null;
  showCoverage: boolean;
  /** Revision of the saved draft last run by run-on-save (not run twice). */
  ranRevision: number | null;
  setRunning(running: boolean): void;
  setResults(runs: CaseRun[], on: CaseResult['on'], coverage?: Coverage | null): void;
  setFailure(failure: string | null): void;
  setShowCoverage(show: boolean): void;
  setRanRevision(revision: number | null): void;
  /** Drops results of cases that are gone (deleted). */
  prune(caseIds: readonly string[]): void;
  reset(): void;
}

export const useFlowTests = create<FlowTestsState>((set, get) => ({
  results: {},
  coverage: null,
  running: false,
  failure: null,
  showCoverage: false,
  ranRevision: null,
  setRunning: (running) => set({ running }),
  setResults(runs, on, coverage) {
    const at = Date.now();
    const results = { ...get().results };
    for (const run of runs) results[run.caseId] = { run, at, on };
    set({ results, failure: null, ...(coverage !== undefined ? { coverage } : {}) });
  },
  setFailure: (failure) => set({ failure }),
  setShowCoverage: (showCoverage) => set({ showCoverage }),
  setRanRevision: (ranRevision) => set({ ranRevision }),
  prune(caseIds) {
    const keep = new Set(caseIds);
    const results = Object.fromEntries(Object.entries(get().results).filter(([id]) => keep.has(id)));
    if (Object.keys(results).length !== Object.keys(get().results).length) set({ results });
  },
  reset: () => set({ results: {}, coverage: null, running: false, failure: null, ranRevision: null }),
}));

/** Passed / failed / not run counts of the cases listed (in the document's order). */
export function tally(caseIds: readonly string[], results: Record<string, CaseResult>): { passed: number; failed: number; notRun: number; total: number } {
  let passed = 0;
  let failed = 0;
  for (const id of caseIds) {
    const result = results[id];
    if (!result) continue;
    if (result.run.passed) passed++;
    else failed++;
  }
  return { passed, failed, notRun: caseIds.length - passed - failed, total: caseIds.length };
}
