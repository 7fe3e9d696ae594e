// "Save as test case": an interactive run → a FlowTestCase of the draft. Inputs as used (caller,
// number, time, availability, the keys / silences / hang-up done, every HTTP answer given, real
// or typed, so the case replays without the network); expectation as reached (end step,
// outcome, steps visited, variables set). Pure.
import type { FlowTestCase, SimulationResult } from '@/flow-runtime/simulator/types';
import type { SimulationRun } from './use-simulation';

export function newCaseId(taken: ReadonlySet<string>): string {
  for (;;) {
    const id = `case_${Math.random().toString(36).slice(2, 10)}`;
    if (!taken.has(id)) return id;
  }
}

export function caseFromRun(run: Pick<SimulationRun, 'input' | 'actions' | 'http'> & { result: SimulationResult | null }, name: string, takenIds: ReadonlySet<string>): FlowTestCase {
  const result = run.result!;
  return {
    id: newCaseId(takenIds),
    name,
    input: {
      ...run.input,
      actions: run.actions.map((a) => ({ ...a })),
      ...(run.http.length > 0 ? { http: run.http.map((h) => ({ ...h })) } : {}),
    },
    expect: {
      endNodeId: result.endNodeId,
      outcome: result.outcome,
      visited: [...result.visited],
      variables: { ...result.variables },
    },
  };
}
