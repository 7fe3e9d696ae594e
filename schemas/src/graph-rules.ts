// Graph rules of validateFlow(), as numbered steps:
//  1. node ids are unique; edge ids are unique
//  2. the entry (and settings.maxStepsNode) name existing nodes
//  3. every edge joins an existing source node, one of its declared outputs, and an existing target
//  4. an output carries at most one edge
//  5. every node is reachable from the entry (warning otherwise)
//  6. required outputs are connected (error); optional ones without a fallback too (warning)
//  7. a queue-group whose connected outputs all lead straight back to itself (warning)
//  8. a loop (strongly connected component) the call can never leave (warning)
import { pointer, type Problem } from './problems';
import type { FlowView, NodeView } from './flow-view';
import { stronglyConnectedComponents } from './strongly-connected';

/**
 * Steps that can end the call or hand it over on their own: a hang-up, a voicemail that ends
 * (no `next`), and the steps that bridge the call (the flow is over once someone answers).
 */
const ENDS_CALL = new Set(['hangup', 'voicemail', 'queue-group', 'redirect']);

export function checkGraph(flow: FlowView): Problem[] {
  const problems: Problem[] = [];
  const nodesById = new Map<string, NodeView>();

  // 1.
  for (const node of flow.nodes) {
    if (node.id === undefined) continue;
    if (nodesById.has(node.id)) {
      problems.push({ severity: 'error', code: 'node.duplicate-id', path: pointer('nodes', node.index, 'id'), nodeId: node.id,
        params: { node: node.id!, index: nodesById.get(node.id)!.index },
        message: `Node id "${node.id}" is already used by node ${nodesById.get(node.id)!.index}; give each node its own id.` });
    } else nodesById.set(node.id, node);
  }
  const edgeIds = new Set<string>();
  for (const edge of flow.edges) {
    if (edge.id === undefined) continue;
    if (edgeIds.has(edge.id)) {
      problems.push({ severity: 'error', code: 'edge.duplicate-id', path: pointer('edges', edge.index, 'id'), edgeId: edge.id,
        params: { edge: edge.id! },
        message: `Edge id "${edge.id}" is used twice; give each edge its own id.` });
    }
    edgeIds.add(edge.id);
  }

  // 2.
  if (typeof flow.entry === 'string' && !nodesById.has(flow.entry)) {
    problems.push({ severity: 'error', code: 'entry.missing', path: '/entry',
      params: { node: flow.entry },
      message: `The entry node "${flow.entry}" does not exist; set "entry" to the id of the first step.` });
  }
  const guardNode = flow.settings?.maxStepsNode;
  if (typeof guardNode === 'string' && !nodesById.has(guardNode)) {
    problems.push({ severity: 'error', code: 'settings.unknown-node', path: '/settings/maxStepsNode',
      params: { node: guardNode },
      message: `settings.maxStepsNode names node "${guardNode}", which does not exist; pick an existing node or remove it.` });
  }

  // 3. and 4.
  const connected = new Map<NodeView, Map<string, number>>(); // node → output id → first edge index
  const successors = new Map<string, string[]>();
  const targets = new Map<NodeView, string[]>(); // node → targets of its connected outputs
  for (const edge of flow.edges) {
    const at = (field: string) => pointer('edges', edge.index, field);
    const base = edge.id !== undefined ? { edgeId: edge.id } : {};
    const source = typeof edge.source === 'string' ? nodesById.get(edge.source) : undefined;
    const target = typeof edge.target === 'string' ? nodesById.get(edge.target) : undefined;
    if (typeof edge.source === 'string' && !source) {
      problems.push({ severity: 'error', code: 'edge.unknown-source', path: at('source'), ...base,
        params: { node: edge.source },
        message: `Edge starts at node "${edge.source}", which does not exist; remove the edge or fix its source.` });
    }
    if (typeof edge.target === 'string' && !target) {
      problems.push({ severity: 'error', code: 'edge.unknown-target', path: at('target'), ...base,
        params: { node: edge.target },
        message: `Edge leads to node "${edge.target}", which does not exist; remove the edge or fix its target.` });
    }
    if (!source || typeof edge.sourceOutput !== 'string') continue;
    const output = edge.sourceOutput;
    if (!source.outputs.some((o) => o.id === output)) {
      const names = source.outputs.map((o) => `"${o.id}"`).join(', ') || 'none';
      problems.push({ severity: 'error', code: 'edge.unknown-output', path: at('sourceOutput'), ...base, nodeId: source.id,
        params: { node: source.id!, output: String(output), outputs: names },
        message: `Node "${source.id}" (${String(source.type)}) has no output "${output}"; its outputs are: ${names}.` });
      continue;
    }
    let outputs = connected.get(source);
    if (!outputs) connected.set(source, (outputs = new Map()));
    const first = outputs.get(output);
    if (first !== undefined) {
      problems.push({ severity: 'error', code: 'output.multiple-edges', path: at('sourceOutput'), ...base, nodeId: source.id,
        params: { node: source.id!, output: String(output), edge: String(first) },
        message: `Output "${output}" of node "${source.id}" already has an edge (edge ${first}); an output leads to one step only.` });
      continue;
    }
    outputs.set(output, edge.index);
    if (target && source.id !== undefined && target.id !== undefined) {
      const list = successors.get(source.id);
      if (list) list.push(target.id);
      else successors.set(source.id, [target.id]);
      const fromSource = targets.get(source);
      if (fromSource) fromSource.push(target.id);
      else targets.set(source, [target.id]);
    }
  }

  // 5.
  const reached = new Set<string>();
  const stack: string[] = [];
  for (const root of [flow.entry, guardNode]) {
    if (typeof root === 'string' && nodesById.has(root) && !reached.has(root)) {
      reached.add(root);
      stack.push(root);
    }
  }
  while (stack.length > 0) {
    for (const next of successors.get(stack.pop()!) ?? []) {
      if (!reached.has(next)) {
        reached.add(next);
        stack.push(next);
      }
    }
  }
  const entryExists = typeof flow.entry === 'string' && nodesById.has(flow.entry);
  for (const node of nodesById.values()) {
    if (entryExists && !reached.has(node.id!)) {
      problems.push({ severity: 'warning', code: 'node.unreachable', path: pointer('nodes', node.index), nodeId: node.id,
        params: { node: node.id! },
        message: `Node "${node.id}" cannot be reached from the entry; connect it or delete it.` });
    }
  }

  // 6.
  for (const node of nodesById.values()) {
    const outputs = connected.get(node);
    for (const output of node.outputs) {
      if (outputs?.has(output.id) || output.fallback !== undefined) continue;
      const path = output.configPath ? `${pointer('nodes', node.index, 'config')}${output.configPath}` : pointer('nodes', node.index);
      if (output.required) {
        problems.push({ severity: 'error', code: 'output.required-unconnected', path, nodeId: node.id,
          params: { node: node.id!, output: output.id },
          message: `Output "${output.id}" of node "${node.id}" must lead somewhere; connect it to a step.` });
      } else {
        problems.push({ severity: 'warning', code: 'output.unconnected', path, nodeId: node.id,
          params: { node: node.id!, output: output.id },
          message: `Output "${output.id}" of node "${node.id}" is not connected; the call hangs up if it is taken.` });
      }
    }
  }

  // 7.
  const queuesWithoutWayOut = new Set<string>();
  for (const node of nodesById.values()) {
    if (node.type !== 'queue-group') continue;
    const leadsTo = targets.get(node) ?? [];
    if (leadsTo.length === 0 || leadsTo.some((t) => t !== node.id)) continue; // unconnected: already an error (6.)
    queuesWithoutWayOut.add(node.id!);
    problems.push({ severity: 'warning', code: 'queue.no-fallback', path: pointer('nodes', node.index), nodeId: node.id,
      params: { node: node.id! },
      message: `Queue "${node.id}" only leads back to itself: a caller nobody answers waits forever; connect "no_answer" to a voicemail, a message or a hang-up.` });
  }

  // 8. A component is a loop when it has two nodes or more, or one with an edge to itself. The
  // call leaves it through an edge to another node, a step that ends the call, or an output
  // left unconnected (the call hangs up when it is taken; 6. reports those).
  const ids = [...nodesById.keys()];
  for (const component of stronglyConnectedComponents(ids, (id) => successors.get(id) ?? [])) {
    const members = new Set(component);
    const only = component.length === 1 ? component[0] : undefined;
    if (only !== undefined && !(successors.get(only) ?? []).includes(only)) continue;
    if (only !== undefined && queuesWithoutWayOut.has(only)) continue;
    const nodes = component.map((id) => nodesById.get(id)!).sort((a, b) => a.index - b.index);
    const hasExit = nodes.some((node) => {
      if (ENDS_CALL.has(String(node.type))) return true;
      if ((successors.get(node.id!) ?? []).some((t) => !members.has(t))) return true;
      const outputs = connected.get(node);
      return node.outputs.some((o) => !outputs?.has(o.id) && o.fallback === undefined);
    });
    if (hasExit) continue;
    const first = nodes[0];
    const names = nodes.map((n) => `"${n.id}"`).join(', ');
    problems.push({ severity: 'warning', code: 'loop.no-exit', path: pointer('nodes', first.index), nodeId: first.id,
      params: { node: first.id!, nodes: names, count: nodes.length },
      message: nodes.length === 1
        ? `Node "${first.id}" only leads back to itself: the call can never leave it; connect one of its outputs to another step.`
        : `Steps ${names} form a loop the call can never leave; lead one output out of the loop (e.g. after a few tries, to a hang-up).` });
  }
  return problems;
}
