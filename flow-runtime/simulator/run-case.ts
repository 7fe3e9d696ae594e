// Runs saved test cases (FlowTestCase) on the simulator and compares the result with the
// case's expectation. The caller's actions are used in order, each time the call waits for
// the caller; once they are used up the caller stays silent until the call ends (at most
// `maxSilences` times, then hangs up).
import { loadFlow, type CallContext, type LoadedFlow, type Value } from '../interpreter';
import { Simulator, type SimulatorHttp } from './simulator';
import { coverage } from './coverage';
import type { CaseMismatch, CaseRun, Coverage, FlowTestCase, SimulationExpectation, SimulationResult } from './types';

export interface RunCaseOptions {
  /** The directory; input.agents overrides presence per case. */
  context: CallContext;
  /** Flows a redirect-to-flow step may load, by flow id. */
  flows?: Record<string, LoadedFlow>;
  /** Real HTTP for requests the case gives no typed answer for (default: refused). */
  http?: SimulatorHttp;
  /** Silences after the actions are used up before the caller hangs up (default 50). */
  maxSilences?: number;
  /** Flow id when `flow` is a document (default: its name). */
  flowId?: string;
}

export const DEFAULT_MAX_SILENCES = 50;

/** A LoadedFlow as is; a document is validated and loaded (an invalid flow throws InvalidFlowError). */
export function asLoadedFlow(flow: LoadedFlow | unknown, flowId?: string): LoadedFlow {
  const candidate = flow as Partial<LoadedFlow> | null;
  if (candidate && candidate.nodes instanceof Map && typeof candidate.entry === 'string') return candidate as LoadedFlow;
  return loadFlow(flow, { flowId });
}

/** An empty result for a case that could not run. */
export function emptyResult(): SimulationResult {
  return {
    status: 'ended',
    waiting: 'ended',
    currentNodeId: null,
    endNodeId: null,
    outcome: null,
    endReason: null,
    visited: [],
    outputsTaken: [],
    variables: {},
    transcript: [],
    path: [],
    durationMs: 0,
    unusedActions: 0,
  };
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Runs one case; never throws (a case that cannot run fails with an `error` mismatch). */
export async function runCase(flow: LoadedFlow | unknown, testCase: FlowTestCase, options: RunCaseOptions): Promise<CaseRun> {
  let result: SimulationResult;
  try {
    const loaded = asLoadedFlow(flow, options.flowId);
    const sim = new Simulator({ flow: loaded, context: options.context, flows: options.flows, input: testCase.input, http: options.http });
    await sim.start();
    await sim.runActions(testCase.input.actions ?? []);
    const maxSilences = options.maxSilences ?? DEFAULT_MAX_SILENCES;
    for (let i = 0; i < maxSilences && !sim.ended; i++) await sim.silence();
    if (!sim.ended) await sim.hangup();
    result = sim.result();
  } catch (error) {
    const mismatches: CaseMismatch[] = [{ field: 'error', expected: null, actual: errorMessage(error) }];
    return { caseId: testCase.id, name: testCase.name, passed: false, mismatches, result: emptyResult() };
  }
  const mismatches = checkCase(testCase.expect, result);
  return { caseId: testCase.id, name: testCase.name, passed: mismatches.length === 0, mismatches, result };
}

/** Runs the cases one after the other, in order. */
export async function runCases(flow: LoadedFlow | unknown, cases: readonly FlowTestCase[], options: RunCaseOptions): Promise<CaseRun[]> {
  let loaded: LoadedFlow | unknown = flow;
  try {
    loaded = asLoadedFlow(flow, options.flowId);
  } catch {
    // each case reports the error
  }
  const runs: CaseRun[] = [];
  for (const testCase of cases) runs.push(await runCase(loaded, testCase, options));
  return runs;
}

/** Equality of JSON values (object key order ignored). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const other = b as unknown[];
    return a.length === other.length && a.every((v, i) => sameValue(v, other[i]));
  }
  const ka = Object.keys(a as object);
  const kb = Object.keys(b as object);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** The differences between an expectation and a result (only the fields the expectation gives). */
export function checkCase(expect: SimulationExpectation, result: SimulationResult): CaseMismatch[] {
  const mismatches: CaseMismatch[] = [];
  if (expect.endNodeId !== undefined && expect.endNodeId !== result.endNodeId) mismatches.push({ field: 'endNodeId', expected: expect.endNodeId, actual: result.endNodeId });
  if (expect.outcome !== undefined && expect.outcome !== result.outcome) mismatches.push({ field: 'outcome', expected: expect.outcome, actual: result.outcome });
  if (expect.visited !== undefined && !sameValue(expect.visited, result.visited)) mismatches.push({ field: 'visited', expected: expect.visited, actual: result.visited });
  for (const [key, value] of Object.entries(expect.variables ?? {})) {
    const actual: Value | undefined = result.variables[key];
    if (!sameValue(value, actual === undefined ? null : actual) || actual === undefined) {
      mismatches.push({ field: 'variables', key, expected: value, actual: actual === undefined ? null : actual });
    }
  }
  return mismatches;
}

export interface FlowTestsOptions extends RunCaseOptions {
  /** Cases to run instead of the document's `tests`. */
  cases?: readonly FlowTestCase[];
  /** Only the document's cases with these ids (unknown ids are ignored). */
  caseIds?: readonly string[];
}

/**
 * The cases of a flow document (its `tests`, or `cases`), run in order, with the coverage they
 * give: what the API, the publish gate, the Tests panel and the CLI report.
 */
export async function runFlowTests(document: unknown, options: FlowTestsOptions): Promise<{ runs: CaseRun[]; coverage: Coverage }> {
  const doc = (document ?? {}) as { tests?: FlowTestCase[]; nodes?: unknown; edges?: unknown };
  let cases: readonly FlowTestCase[] = options.cases ?? (Array.isArray(doc.tests) ? doc.tests : []);
  if (options.caseIds) {
    const wanted = new Set(options.caseIds);
    cases = cases.filter((c) => wanted.has(c.id));
  }
  const runs = await runCases(document, cases, options);
  const shape = { nodes: Array.isArray(doc.nodes) ? (doc.nodes as { id: string }[]) : [], edges: Array.isArray(doc.edges) ? (doc.edges as { source: string; sourceOutput: string }[]) : [] };
  return { runs, coverage: coverage(shape, runs) };
}
