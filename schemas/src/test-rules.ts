// Test-case rules of validateFlow() (the flow's saved test calls, issue 17): never errors, a
// case naming a node the flow lacks is a warning (`test.unknown-node`: the case will fail
// until it is updated), and two cases with one id too (`test.duplicate-id`).
// Nodes visited after a redirect to another flow belong to that flow: not checked; nor are the
// runtime's built-in nodes (ids starting with "__": loop guard, internal error, transfer mailbox).
import type { FlowView } from './flow-view';
import { pointer, type Problem } from './problems';

const asRecord = (v: unknown) => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined);

export function checkTests(doc: Record<string, unknown>, flow: FlowView): Problem[] {
  if (!Array.isArray(doc.tests)) return [];
  const problems: Problem[] = [];
  const nodes = new Map(flow.nodes.filter((n) => n.id !== undefined).map((n) => [n.id as string, n]));
  const leavesFlow = (id: string) => {
    const node = nodes.get(id);
    return node?.type === 'redirect' && asRecord(asRecord(node.config)?.target)?.kind === 'flow';
  };
  const ids = new Set<string>();
  doc.tests.forEach((raw, index) => {
    const testCase = asRecord(raw);
    if (!testCase) return;
    const name = typeof testCase.name === 'string' ? testCase.name : String(index + 1);
    if (typeof testCase.id === 'string') {
      if (ids.has(testCase.id)) {
        problems.push({ severity: 'warning', code: 'test.duplicate-id', path: pointer('tests', index, 'id'), params: { id: testCase.id, name },
          message: `Test case id "${testCase.id}" is used twice; give each case its own id.` });
      }
      ids.add(testCase.id);
    }
    const unknown = (id: unknown, at: string) => {
      if (typeof id !== 'string' || nodes.has(id) || id.startsWith('__')) return;
      problems.push({ severity: 'warning', code: 'test.unknown-node', path: at, params: { node: id, name },
        message: `Test case "${name}" names node "${id}", which does not exist; the case fails until it is saved again from a new run.` });
    };
    const expect = asRecord(testCase.expect);
    const visited = Array.isArray(expect?.visited) ? expect.visited : [];
    let otherFlow = false;
    visited.forEach((id, i) => {
      if (otherFlow) return;
      unknown(id, pointer('tests', index, 'expect', 'visited', i));
      if (typeof id === 'string' && leavesFlow(id)) otherFlow = true;
    });
    if (!otherFlow && expect && 'endNodeId' in expect) unknown(expect.endNodeId, pointer('tests', index, 'expect', 'endNodeId'));
    const http = asRecord(testCase.input)?.http;
    if (Array.isArray(http)) http.forEach((answer, i) => unknown(asRecord(answer)?.nodeId, pointer('tests', index, 'input', 'http', i, 'nodeId')));
  });
  return problems;
}
