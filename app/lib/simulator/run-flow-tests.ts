// Runs test cases of a flow document on the server: the same Simulator as the editor's panel
// (flow-runtime/simulator, the runtime's own interpreter), with the organisation's directory
// read now, the published documents of the flows it redirects to, and HTTP steps answered by
// the case's typed answers, else by the real URL under the outbound policy (bounded: a
// number of requests and a total time per run). Used by POST /api/flows/:id/simulate and by
// the publish gate (app/lib/versions/check-flow-tests.ts).
import { applyFlowDefaults, type FlowDocument } from '@/schemas';
import { indexFlow, loadFlow, type LoadedFlow } from '@/flow-runtime/interpreter';
import { runCases } from '@/flow-runtime/simulator/run-case';
import { coverage as coverageOf } from '@/flow-runtime/simulator/coverage';
import type { CaseRun, Coverage, FlowTestCase } from '@/flow-runtime/simulator/types';
import type { Db } from '@/app/lib/db/transaction';
import { loadSimulationDirectory } from './simulation-directory';
import { serverHttp, type ServerHttpOptions } from './simulate-http';

export interface FlowTestsResult {
  runs: CaseRun[];
  coverage: Coverage;
}

/** The test cases a flow document carries (its top-level `tests`), [] when none. */
export function documentCases(document: unknown): FlowTestCase[] {
  const tests = (document as { tests?: unknown } | null)?.tests;
  return Array.isArray(tests) ? (tests as FlowTestCase[]) : [];
}

/**
 * A document as the simulator runs it: defaults applied and indexed, without refusing what a
 * draft may keep (a required output not yet connected: the simulated call leaves by it and
 * ends there, as the runtime would). The document must have passed the draft validation.
 */
export function simulationFlow(document: unknown, flowId: string): LoadedFlow {
  return indexFlow(applyFlowDefaults(structuredClone(document) as FlowDocument), flowId);
}

export async function runFlowTests(
  db: Db,
  organization: { id: string; timezone: string },
  flowId: string,
  document: unknown,
  cases: FlowTestCase[],
  http: ServerHttpOptions,
): Promise<FlowTestsResult> {
  const flow = simulationFlow(document, flowId);
  if (cases.length === 0) return { runs: [], coverage: coverageOf(flow, []) };
  const directory = await loadSimulationDirectory(db, organization, document, flowId);
  const flows: Record<string, LoadedFlow> = { [flowId]: flow };
  for (const [id, linked] of Object.entries(directory.flows)) {
    try {
      flows[id] = loadFlow(linked.document, { flowId: id });
    } catch {
      // a published version that no longer validates: the redirect fails as it would live
    }
  }
  const runs = await runCases(flow, cases, { context: directory.context, flows, http: serverHttp(organization.id, http) });
  return { runs, coverage: coverageOf(flow, runs) };
}
