// Test cases follow their nodes when a flow is duplicated or nodes are pasted with new ids:
// node ids in `expect.visited`, `expect.endNodeId` and `input.http[].nodeId` are renamed;
// ids not in the map are kept. Pure: returns new objects.
import type { FlowTestCase } from './types';

export function remapTestCaseIds(tests: readonly FlowTestCase[], nodeIdMap: ReadonlyMap<string, string> | Readonly<Record<string, string>>): FlowTestCase[] {
  const map = nodeIdMap instanceof Map ? (nodeIdMap as ReadonlyMap<string, string>) : new Map(Object.entries(nodeIdMap as Record<string, string>));
  const rename = (id: string): string => map.get(id) ?? id;
  return tests.map((testCase) => {
    const input = { ...testCase.input, actions: testCase.input.actions.map((a) => ({ ...a })) };
    if (testCase.input.http) input.http = testCase.input.http.map((answer) => ({ ...answer, nodeId: rename(answer.nodeId) }));
    const expect = { ...testCase.expect };
    if (expect.endNodeId !== undefined && expect.endNodeId !== null) expect.endNodeId = rename(expect.endNodeId);
    if (expect.visited) expect.visited = expect.visited.map(rename);
    if (expect.variables) expect.variables = { ...expect.variables };
    return { ...testCase, input, expect };
  });
}
