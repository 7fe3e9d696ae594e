// Tarjan's strongly connected components (schemas/src/strongly-connected.ts).
import { describe, expect, it } from 'vitest';
import { stronglyConnectedComponents } from '../../schemas/src/strongly-connected';

const scc = (edges: Record<string, string[]>, nodes = Object.keys(edges)) =>
  stronglyConnectedComponents(nodes, (n) => edges[n] ?? []).map((c) => [...c].sort());

describe('stronglyConnectedComponents', () => {
  it('finds the components of a textbook graph, sinks first', () => {
    //   a ──▶ b ──▶ c ──▶ d ◀──▶ e
    //   ▲     │     ▲     │
    //   └─────┘     └─ f ◀┘      g ⟲ (self-loop)     h (alone)
    //
    // {a,b} reaches {c,d,e,f}; {c,d,e,f} is a sink (d → f → c → d, d ⇄ e).
    const edges = { a: ['b'], b: ['a', 'c'], c: ['d'], d: ['e', 'f'], e: ['d'], f: ['c'], g: ['g'], h: [] };
    const components = scc(edges);
    expect(components).toEqual([['c', 'd', 'e', 'f'], ['a', 'b'], ['g'], ['h']]);
  });

  it('keeps every vertex in exactly one component and ignores unknown successors', () => {
    //   x ──▶ y ──▶ (ghost)
    const components = scc({ x: ['y'], y: ['ghost'] });
    expect(components).toEqual([['y'], ['x']]);
  });

  it('handles a 20 000-step chain closed into one loop without overflowing the stack', () => {
    const n = 20_000;
    const nodes = Array.from({ length: n }, (_, i) => `n${i}`);
    const components = stronglyConnectedComponents(nodes, (node) => [`n${(Number(node.slice(1)) + 1) % n}`]);
    expect(components).toHaveLength(1);
    expect(components[0]).toHaveLength(n);
  });
});
