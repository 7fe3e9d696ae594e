// The shared checks on request bodies (app/lib/api/json-guard.ts): iterative, so no input
// overflows the stack, and the failing field is named by its JSON pointer.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findJsonProblem, MAX_JSON_DEPTH, textProblem } from '@/app/lib/api/json-guard';
import { bodyLimitFor, FLOW_BODY_LIMIT, JSON_BODY_LIMIT, SOUND_UPLOAD_LIMIT } from '@/app/lib/api/body-limits';

function nested(levels: number): unknown {
  let value: unknown = 'x';
  for (let i = 0; i < levels; i++) value = i % 2 ? { k: value } : [value];
  return value;
}

describe('findJsonProblem', () => {
  it('finds a 100,000-level nesting without recursion, at the first level past the limit', () => {
    const problem = findJsonProblem({ document: nested(100_000) });
    expect(problem?.code).toBe('json.tooDeep');
    expect(problem!.path.split('/').length - 1).toBe(MAX_JSON_DEPTH);
    expect(findJsonProblem(nested(MAX_JSON_DEPTH - 1))).toBeNull();
  });

  it('names NUL and unpaired surrogates in values and keys by their pointer', () => {
    expect(findJsonProblem({ a: [{ 'b/c': 'x\u0000' }] })).toMatchObject({ code: 'text.nul', path: '/a/0/b~1c' });
    expect(findJsonProblem({ a: 'ok', b: '\ud800' })).toMatchObject({ code: 'text.loneSurrogate', path: '/b' });
    expect(findJsonProblem({ ['\udfff']: 1 })).toMatchObject({ code: 'text.loneSurrogate', path: '/\udfff' });
    expect(findJsonProblem({ emoji: '😀 é \u00e9 \t' })).toBeNull();
  });

  it('agrees with String.prototype.isWellFormed on any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const problem = textProblem(text);
        const expected = text.includes('\u0000') || !(text as string & { isWellFormed(): boolean }).isWellFormed();
        expect(problem !== null).toBe(expected);
      }),
    );
  });

  it('never throws on any JSON value', () => {
    fc.assert(fc.property(fc.jsonValue(), (value) => void findJsonProblem(value)));
  });
});

describe('bodyLimitFor', () => {
  it('gives flows and sounds their own limits, everything else 1 MB', () => {
    expect(bodyLimitFor('POST', '/api/sounds').limitBytes).toBe(SOUND_UPLOAD_LIMIT);
    expect(bodyLimitFor('POST', '/api/flows?x=1').limitBytes).toBe(FLOW_BODY_LIMIT);
    expect(bodyLimitFor('PUT', '/api/flows/abc/draft').limitBytes).toBe(FLOW_BODY_LIMIT);
    for (const [method, url] of [['PATCH', '/api/sounds/abc'], ['POST', '/api/flows/abc/publish'], ['POST', '/api/auth/sign-in/email'], ['POST', '/flows/abc']]) {
      expect(bodyLimitFor(method, url).limitBytes, `${method} ${url}`).toBe(JSON_BODY_LIMIT);
    }
  });
});
