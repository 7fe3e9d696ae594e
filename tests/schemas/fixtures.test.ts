import { describe, expect, it } from 'vitest';
import { validateFlow } from '../../schemas/index';
import { generateLargeFlow } from '../fixtures/generate-large-flow';
import { loadBadFlows, loadGoodFlows } from '../fixtures/index';
import { FIXTURE_REFERENCES } from '../fixtures/references';

describe('good fixture flows', () => {
  it.each(loadGoodFlows().map((f) => [f.name, f] as const))('%s validates with no problem at all', (_, fixture) => {
    expect(validateFlow(fixture.flow, { references: FIXTURE_REFERENCES }).problems).toEqual([]);
  });

  it('the all-steps fixture uses every step type', async () => {
    const { STEP_TYPES } = await import('../../schemas/index');
    const all = loadGoodFlows().find((f) => f.name === 'all-steps')!;
    const used = new Set((all.flow.nodes as { type: string }[]).map((n) => n.type));
    expect([...STEP_TYPES].filter((t) => !used.has(t))).toEqual([]);
  });
});

describe('bad fixture flows', () => {
  it.each(loadBadFlows().map((f) => [f.name, f] as const))('%s yields exactly its expected problem', (_, fixture) => {
    const result = validateFlow(fixture.flow, fixture.useReferences ? { references: FIXTURE_REFERENCES } : {});
    const warningOnly = ['node.unreachable', 'output.unconnected', 'queue.no-fallback', 'loop.no-exit'].includes(fixture.expected.code);
    expect(result.ok).toBe(warningOnly);
    expect(result.problems.map((p) => ({ code: p.code, path: p.path }))).toEqual([fixture.expected]);
    expect(result.problems[0].message.length).toBeGreaterThan(10);
  });

  it('without references, reference problems are not reported', () => {
    for (const fixture of loadBadFlows().filter((f) => f.useReferences)) {
      expect(validateFlow(fixture.flow).problems).toEqual([]);
    }
  });
});

describe('generated large flows', () => {
  it.each([2, 11, 37, 500, 2000])('a %i-node flow has exactly that many nodes and no problem', (n) => {
    const flow = generateLargeFlow(n);
    expect(flow.nodes).toHaveLength(n);
    expect(validateFlow(flow, { references: FIXTURE_REFERENCES }).problems).toEqual([]);
  });
});
