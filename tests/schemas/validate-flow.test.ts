import { describe, expect, it } from 'vitest';
import { findFlowReferences, listFlowReferences, parseExpression, checkTemplate, resolveTakenOutput, stepOutputs, validateFlow } from '../../schemas/index';
import { loadGoodFlows } from '../fixtures/index';

type AnyFlow = { nodes: { id: string; type: string; config: Record<string, unknown> }[]; edges: Record<string, unknown>[] } & Record<string, unknown>;
const demo = () => structuredClone(loadGoodFlows().find((f) => f.name === 'demo')!.flow) as AnyFlow;
const reception = () => structuredClone(loadGoodFlows().find((f) => f.name === 'reception-fr')!.flow) as AnyFlow;
const errors = (flow: unknown) => validateFlow(flow).problems.filter((p) => p.severity === 'error');

describe('validateFlow: schema errors point at the bad field', () => {
  it('menu timeoutSeconds: -1 → /nodes/N/config/timeoutSeconds, with the node id', () => {
    const flow = reception();
    const n = flow.nodes.findIndex((node) => node.type === 'menu');
    flow.nodes[n].config.timeoutSeconds = -1;
    expect(errors(flow)).toEqual([
      expect.objectContaining({ code: 'schema.minimum', path: `/nodes/${n}/config/timeoutSeconds`, nodeId: 'menu', message: expect.stringContaining('>= 1') }),
    ]);
  });

  it('a wrong type in a nested prompt and a queue-group ring time above the maximum', () => {
    const flow = reception();
    flow.nodes[0].config.prompt = { kind: 'tts', text: { fr: 42 } };
    flow.nodes[3].config.ringTimeSeconds = 1000;
    expect(errors(flow).map((p) => [p.code, p.path])).toEqual([
      ['schema.type', '/nodes/0/config/prompt/text/fr'],
      ['schema.maximum', '/nodes/3/config/ringTimeSeconds'],
    ]);
  });

  it('a bad edge field carries the edge id', () => {
    const flow = demo();
    flow.edges[0].sourceOutput = 'not valid!';
    const [problem] = errors(flow);
    expect(problem).toMatchObject({ code: 'schema.pattern', path: '/edges/0/sourceOutput', edgeId: 'e1' });
  });

  it('rejects non-objects', () => {
    expect(validateFlow(null)).toEqual({ ok: false, problems: [expect.objectContaining({ code: 'flow.not-object', path: '' })] });
    expect(validateFlow({}).ok).toBe(false);
  });

  it('does not modify the flow it validates', () => {
    const flow = demo();
    const copy = structuredClone(flow);
    validateFlow(flow);
    expect(flow).toEqual(copy);
  });
});

describe('validateFlow: graph rules', () => {
  it('an optional fallback output may stay unconnected (holiday falls back to closed)', () => {
    const flow = reception();
    flow.edges = flow.edges.filter((e) => e.sourceOutput !== 'holiday');
    expect(validateFlow(flow).problems).toEqual([]);
  });

  it('a loop is allowed (menu invalid back to itself)', () => {
    const flow = demo();
    flow.edges.push({ id: 'loop', source: 'menu', sourceOutput: 'invalid', target: 'menu' });
    expect(validateFlow(flow).problems).toEqual([]);
  });

  it('a queue looping to itself on busy but with a real no_answer path is fine; only self-loops warn queue.no-fallback', () => {
    const flow = demo();
    flow.edges.push({ id: 'busy', source: 'agents', sourceOutput: 'busy', target: 'agents' });
    expect(validateFlow(flow).problems).toEqual([]);
    flow.edges = flow.edges.filter((e) => e.id !== 'e5');
    // no_answer unconnected (error), the voicemail unreachable, and the queue only leads back to itself.
    expect(validateFlow(flow).problems.map((p) => [p.severity, p.code, p.path]).sort()).toEqual([
      ['error', 'output.required-unconnected', '/nodes/2'],
      ['warning', 'node.unreachable', '/nodes/4'],
      ['warning', 'queue.no-fallback', '/nodes/2'],
    ]);
  });

  it('loop.no-exit: a loop whose every output stays inside it, not one with an unconnected output or a step ending the call', () => {
    const flow = demo();
    // info → menu instead of bye; menu timeout → info: menu ⇄ info, key 1 still leads to the queue.
    flow.edges.find((e) => e.id === 'e6')!.target = 'menu';
    flow.edges.find((e) => e.id === 'e4')!.target = 'info';
    flow.nodes = flow.nodes.filter((n) => n.id !== 'bye');
    expect(validateFlow(flow).problems).toEqual([]);
    // Key 1 now replays the information too: nothing leaves {menu, info}.
    flow.edges.find((e) => e.id === 'e2')!.target = 'info';
    const loop = validateFlow(flow).problems.filter((p) => p.code === 'loop.no-exit');
    expect(loop).toEqual([expect.objectContaining({ severity: 'warning', path: '/nodes/1', nodeId: 'menu', message: expect.stringContaining('"menu", "info"') })]);
    // An unconnected timeout hangs up: that is a way out.
    flow.edges = flow.edges.filter((e) => e.id !== 'e4');
    expect(validateFlow(flow).problems.filter((p) => p.code === 'loop.no-exit')).toEqual([]);
  });

  it('an edge out of a hangup is refused: it has no outputs', () => {
    const flow = demo();
    flow.edges.push({ id: 'x', source: 'bye', sourceOutput: 'next', target: 'welcome' });
    expect(errors(flow)).toEqual([expect.objectContaining({ code: 'edge.unknown-output', path: '/edges/6/sourceOutput', message: expect.stringContaining('none') })]);
  });
});

describe('references', () => {
  it('lists every referenced id by kind', () => {
    expect(listFlowReferences(reception())).toEqual({
      sounds: ['snd_closed_fr', 'snd_hold_music', 'snd_welcome_fr'],
      groups: ['grp_accueil', 'grp_support', 'grp_ventes'],
      calendars: ['cal_bureau'],
      numbers: [],
      flows: [],
      agents: [],
      forbiddenLists: [],
    });
    expect(listFlowReferences('nope').groups).toEqual([]);
  });

  it('finds each reference with its node and field (what a delete of that object would break)', () => {
    const flow = reception();
    const groups = findFlowReferences(flow).filter((r) => r.kind === 'groups');
    expect([...new Set(groups.map((r) => r.id))].sort()).toEqual(['grp_accueil', 'grp_support', 'grp_ventes']);
    expect(new Set(groups.map((r) => r.nodeId)).size).toBeGreaterThanOrEqual(3);
    for (const ref of groups) {
      const index = flow.nodes.findIndex((n: { id: string }) => n.id === ref.nodeId);
      expect(ref.path.startsWith(`/nodes/${index}/config/`)).toBe(true);
    }
    expect(findFlowReferences(null)).toEqual([]);
  });

  it('checks only the kinds given', () => {
    const problems = validateFlow(reception(), { references: { groups: ['grp_accueil'] } }).problems;
    expect(problems.map((p) => [p.code, p.path])).toEqual([
      ['reference.missing', '/nodes/3/config/groupId'],
      ['reference.missing', '/nodes/4/config/groupId'],
    ]);
    expect(problems[0].message).toContain('Queue group "grp_ventes" does not exist');
  });
});

describe('expressions', () => {
  it('accepts the safe language and refuses the rest', () => {
    for (const ok of ['a == 1', 'len(digits) >= 8 && startsWith(caller, "+33")', 'x ? "a" : "b"', 'crm.customer.tier != "gold"', '!(hour < 9)']) {
      expect(() => parseExpression(ok), ok).not.toThrow();
    }
    for (const bad of ['a =', 'a = 1', 'foo()', 'x.constructor', 'a; b', 'this', '__proto__', 'len(1, 2)']) {
      expect(() => parseExpression(bad), bad).toThrow();
    }
    expect(checkTemplate('Bonjour {{caller}}')).toBeNull();
    expect(checkTemplate('{{ a + }}')).toMatch(/a \+/);
  });

  it('refuses nesting deeper than 64 levels with a reason instead of overflowing the stack (issue 12)', () => {
    const deep = ['('.repeat(5000) + '1' + ')'.repeat(5000), '-'.repeat(5000) + '1', Array(2000).fill('x').join(' + '), '!'.repeat(65) + 'a'];
    for (const source of deep) expect(() => parseExpression(source), source.slice(0, 12)).toThrow(/more than 64 levels/);
    expect(checkTemplate('{{' + '('.repeat(9990) + '1' + ')'.repeat(9990) + '}}')).toMatch(/more than 64 levels/);
    for (const ok of ['((((a))))', Array(40).fill('x').join(' + '), 'len("((((((((((") > 1', '-(-(-2))']) {
      expect(() => parseExpression(ok), ok).not.toThrow();
    }
  });
});

describe('resolveTakenOutput', () => {
  it('follows the fallback chain to a connected output', () => {
    const outputs = stepOutputs({ type: 'redirect', config: { target: { kind: 'external', number: '+33123456789' } } });
    expect(resolveTakenOutput(outputs, 'forbidden', (id) => id === 'no_answer')).toBe('no_answer');
    expect(resolveTakenOutput(outputs, 'forbidden', (id) => id === 'failed')).toBe('failed');
    expect(resolveTakenOutput(outputs, 'busy', () => false)).toBeNull();
  });
});
