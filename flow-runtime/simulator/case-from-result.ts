// A test case from an interactive run ("Save as test case"): the input as used (the caller's
// actions as done, the HTTP answers received as typed answers) and, as expectation, the end
// reached, the outcome, the nodes visited and the variables set.
import type { FlowTestCase, SimulationInput, SimulationResult } from './types';

/** Longest `visited` list kept in an expectation (flow.schema.json bounds it too). */
export const MAX_EXPECTED_VISITED = 1000;

/** A new case id: "case_" and 12 random base-36 characters. */
export function newTestCaseId(): string {
  const cryptoApi = (globalThis as { crypto?: { getRandomValues?: (a: Uint8Array) => Uint8Array } }).crypto;
  const bytes = new Uint8Array(12);
  if (cryptoApi?.getRandomValues) cryptoApi.getRandomValues(bytes);
  else for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256);
  return `case_${Array.from(bytes, (b) => (b % 36).toString(36)).join('')}`;
}

export interface CaseFromResultOptions {
  name: string;
  /** The input as used: `sim.usedInput()`. */
  input: SimulationInput;
  result: SimulationResult;
  id?: string;
}

export function caseFromResult({ name, input, result, id }: CaseFromResultOptions): FlowTestCase {
  const expect: FlowTestCase['expect'] = {
    endNodeId: result.endNodeId,
    outcome: result.outcome,
  };
  if (result.visited.length <= MAX_EXPECTED_VISITED) expect.visited = [...result.visited];
  if (Object.keys(result.variables).length > 0) expect.variables = structuredCloneJson(result.variables);
  return { id: id ?? newTestCaseId(), name: name.trim().slice(0, 120) || 'Test', input: structuredCloneJson(input), expect };
}

function structuredCloneJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
