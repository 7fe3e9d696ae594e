// Strongly connected components of a directed graph (Tarjan, 1972), iterative so a long chain
// of steps cannot overflow the stack. Used by validateFlow's `loop.no-exit` rule.
//
// Components come out in reverse topological order of the condensed graph (a component is
// emitted after every component it can reach); nodes inside a component keep no special order.

/**
 * @param nodes every vertex, in a stable order (the result follows it for equal cases)
 * @param successors the vertices an edge leads to from `node` (unknown ids are ignored)
 */
export function stronglyConnectedComponents(nodes: readonly string[], successors: (node: string) => Iterable<string>): string[][] {
  const known = new Set(nodes);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let counter = 0;

  for (const root of nodes) {
    if (index.has(root)) continue;
    // Each frame: a vertex and the iterator over its remaining successors.
    const frames: { node: string; next: Iterator<string> }[] = [];
    const visit = (node: string) => {
      index.set(node, counter);
      low.set(node, counter);
      counter++;
      stack.push(node);
      onStack.add(node);
      frames.push({ node, next: successors(node)[Symbol.iterator]() });
    };
    visit(root);
    while (frames.length > 0) {
      const frame = frames[frames.length - 1];
      const step = frame.next.next();
      if (!step.done) {
        const next = step.value;
        if (!known.has(next)) continue;
        if (!index.has(next)) visit(next);
        else if (onStack.has(next)) low.set(frame.node, Math.min(low.get(frame.node)!, index.get(next)!));
        continue;
      }
      frames.pop();
      const parent = frames[frames.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(frame.node)!));
      if (low.get(frame.node) === index.get(frame.node)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.node);
        components.push(component);
      }
    }
  }
  return components;
}
