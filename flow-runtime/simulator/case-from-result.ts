// A test case from an interactive run ("Save as test case"): the input as used (the caller's
// actions as done, the HTTP answers received as typed answers) and, as expectation, the end
// reached, the outcome, the nodes visited and the variables set.
import type { FlowTestCase, SimulationInput, SimulationResult } from './types';

/** Bounds of flow.schema.json's test cases: a saved case always keeps the document valid. */
export const MAX_EXPECTED_VISITED = 1000;
export const MAX_EXPECTED_VARIABLES = 200;
export const MAX_HTTP_BODY = 65_536;

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
  // a longer path is not kept as expectation (the end and outcome still are)
  if (result.visited.length <= MAX_EXPECTED_VISITED) expect.visited = [...result.visited];
  const names = Object.keys(result.variables).slice(0, MAX_EXPECTED_VARIABLES);
  if (names.length > 0) expect.variables = structuredCloneJson(Object.fromEntries(names.map((n) => [n, result.variables[n]])));
  const saved = structuredCloneJson(input);
  // an answer body over 64 KB is cut (the schema's bound); a case depending on its end may then fail
  for (const answer of saved.http ?? []) if (answer.body !== undefined && answer.body.length > MAX_HTTP_BODY) answer.body = answer.body.slice(0, MAX_HTTP_BODY);
  return { id: id ?? newTestCaseId(), name: name.trim().slice(0, 120) || 'Test', input: saved, expect };
}

function structuredCloneJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
