// variable, condition, split, filter, forbidden-transfer: steps that leave at once.
import { describe, expect, it } from 'vitest';
import { buildFlow, bye, TestCall } from '../support/call';

describe('variable', () => {
  it('sets a variable from an expression over system and call variables', () => {
    const flow = buildFlow(
      [
        { id: 'v', type: 'variable', config: { name: 'greeting', expression: 'upper(substr(caller, 0, 3)) + "-" + string(hour)' } },
        bye(),
      ],
      [['v', 'next', 'bye']],
    );
    const call = new TestCall(flow).start();
    expect(call.state.variables.greeting).toBe('+33-10');
    expect(call.taken()).toEqual(['v:next']);
  });

  it('an evaluation error sets null, records a warning and still goes on', () => {
    const flow = buildFlow([{ id: 'v', type: 'variable', config: { name: 'x', expression: '1 / 0' } }, bye()], [['v', 'next', 'bye']]);
    const call = new TestCall(flow).start();
    expect(call.state.variables.x).toBeNull();
    expect(call.path().some((p) => p.kind === 'warning')).toBe(true);
    expect(call.taken()).toEqual(['v:next']);
  });
});

describe('condition', () => {
  const flow = buildFlow(
    [
      {
        id: 'c',
        type: 'condition',
        config: {
          branches: [
            { id: 'broken', expression: 'number(missing) / 0 > 1' },
            { id: 'vip', expression: 'startsWith(caller, "+336") && len(caller) == 12' },
            { id: 'other', expression: 'true' },
          ],
        },
      },
      bye('a'),
      bye('b'),
      bye('c2'),
      bye('d'),
    ],
    [
      ['c', 'broken', 'a'],
      ['c', 'vip', 'b'],
      ['c', 'other', 'c2'],
      ['c', 'else', 'd'],
    ],
  );
  it.each([
    ['+33612345678', 'c:vip'],
    ['+33145454545', 'c:other'],
  ])('caller %s → %s (a failing branch counts as false)', (caller, output) => {
    expect(new TestCall(flow).start({ caller }).taken()).toEqual([output]);
  });
  it('else when no branch is true', () => {
    const f = buildFlow(
      [{ id: 'c', type: 'condition', config: { branches: [{ id: 'x', expression: 'language == "en"' }] } }, bye('a'), bye('b')],
      [
        ['c', 'x', 'a'],
        ['c', 'else', 'b'],
      ],
    );
    expect(new TestCall(f).start().taken()).toEqual(['c:else']);
    expect(new TestCall(f).start({ language: 'en' }).taken()).toEqual(['c:x']);
  });
});

describe('split', () => {
  const flow = buildFlow(
    [{ id: 's', type: 'split', config: { branches: [{ id: 'a', percent: 70 }, { id: 'b', percent: 30 }] } }, bye('x'), bye('y')],
    [
      ['s', 'a', 'x'],
      ['s', 'b', 'y'],
    ],
  );
  it('follows the percentages and is reproducible from the seed', () => {
    const counts = { a: 0, b: 0 };
    for (let seed = 0; seed < 2000; seed++) {
      const out = new TestCall(flow).start({ seed }).taken()[0];
      counts[out === 's:a' ? 'a' : 'b']++;
    }
    expect(counts.a / 2000).toBeGreaterThan(0.66);
    expect(counts.a / 2000).toBeLessThan(0.74);
    expect(new TestCall(flow).start({ seed: 7 }).taken()).toEqual(new TestCall(flow).start({ seed: 7 }).taken());
  });
});

describe('filter', () => {
  const make = (anonymous: string) =>
    buildFlow(
      [{ id: 'f', type: 'filter', config: { patterns: ['+33899*', '+33612345678'], anonymous } }, bye('m'), bye('n'), bye('a')],
      [
        ['f', 'match', 'm'],
        ['f', 'no_match', 'n'],
        ...(anonymous === 'anonymous' ? ([['f', 'anonymous', 'a']] as Array<[string, string, string]>) : []),
      ],
    );
  it.each([
    ['+33612345678', 'anonymous', 'f:match'],
    ['0612345678', 'anonymous', 'f:match'],
    ['+33899123456', 'anonymous', 'f:match'],
    ['+33145454545', 'anonymous', 'f:no_match'],
    [null, 'anonymous', 'f:anonymous'],
    ['anonymous', 'match', 'f:match'],
    ['', 'no_match', 'f:no_match'],
  ])('caller %s (anonymous → %s) → %s', (caller, anonymous, output) => {
    expect(new TestCall(make(anonymous)).start({ caller }).taken()).toEqual([output]);
  });
});
