import { describe, expect, it } from 'vitest';
import { evaluateExpression, renderTemplate, type Value } from '@/flow-runtime/interpreter';

const vars: Record<string, Value> = { caller: '+33612345678', n: '42', tier: 'gold', list: [1, 2], obj: { a: { b: 'c' } } };
const scope = (name: string) => vars[name];
const ev = (src: string) => evaluateExpression(src, scope, 1_700_000_000_000);

describe('expressions', () => {
  it.each([
    ['1 + 2 * 3', 7],
    ['"a" + 1', 'a1'],
    ['n == 42', true],
    ['number(n) + 1', 43],
    ['n > 9', true],
    ['tier == "gold" || tier == "platinum"', true],
    ['!missing', true],
    ['missing == null', true],
    ['len(caller)', 12],
    ['upper(substr(tier, 0, 2))', 'GO'],
    ['contains(list, 2)', true],
    ['obj.a.b', 'c'],
    ['obj["a"].b', 'c'],
    ['list[1]', 2],
    ['round(2.345, 2)', 2.35],
    ['startsWith(caller, "+336") ? "mobile" : "fixe"', 'mobile'],
    ['now()', 1_700_000_000_000],
    ['number("abc")', null],
  ])('%s → %j', (src, value) => {
    expect(ev(src)).toEqual({ ok: true, value });
  });

  it.each(['1 / 0', 'obj.constructor', 'eval("1")', 'a = 1', 'foo()', '1 +', 'this'])('%s fails without throwing', (src) => {
    expect(ev(src).ok).toBe(false);
  });

  it('templates render values and report failing parts as empty', () => {
    expect(renderTemplate('Bonjour {{caller}}, {{tier}}', scope, 0)).toEqual({ text: 'Bonjour +33612345678, gold', errors: [] });
    const bad = renderTemplate('x{{1/0}}y', scope, 0);
    expect(bad.text).toBe('xy');
    expect(bad.errors).toHaveLength(1);
  });

  it('refuses to build huge strings', () => {
    const big: Record<string, Value> = { s: 'x'.repeat(6000) };
    expect(evaluateExpression('s + s', (n) => big[n], 0).ok).toBe(false);
  });
});
