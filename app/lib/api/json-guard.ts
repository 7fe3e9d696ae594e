// Checks on any JSON value a client sent, before a schema or a domain function sees it
// (issue 12, finding 4: these reached PostgreSQL or a recursive walk and answered 500):
//  - nesting deeper than MAX_JSON_DEPTH (a 10,000-level object overflowed the stack of
//    recursive walks such as JSON.stringify; no real body nests more than ~10 levels);
//  - text PostgreSQL cannot store or that is not Unicode: the NUL character (U+0000) and
//    unpaired UTF-16 surrogates (e.g. "\ud800"), in values and in property names.
// The walk is iterative (an explicit stack), so it cannot overflow whatever the input, and
// linear in the size of the value. The failing field is returned as a JSON pointer.
import { pointerSegment } from './errors';

/** The deepest nesting of objects/arrays a request body may have (the body itself is depth 1). */
export const MAX_JSON_DEPTH = 64;

export interface JsonProblem {
  code: 'json.tooDeep' | 'text.nul' | 'text.loneSurrogate';
  path: string;
  message: string;
}

// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a piece of text cannot be stored, or null when it is fine. */
export function textProblem(text: string): Pick<JsonProblem, 'code' | 'message'> | null {
  if (text.includes('\u0000')) return { code: 'text.nul', message: 'must not contain the NUL character (U+0000)' };
  if (LONE_SURROGATE.test(text)) {
    return { code: 'text.loneSurrogate', message: 'contains an unpaired UTF-16 surrogate (invalid Unicode text)' };
  }
  return null;
}

/** The first problem found in `value` (depth-first, in document order), or null. */
export function findJsonProblem(value: unknown, maxDepth = MAX_JSON_DEPTH): JsonProblem | null {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: '', depth: 0 }];
  while (stack.length > 0) {
    const item = stack.pop()!;
    if (typeof item.value === 'string') {
      const problem = textProblem(item.value);
      if (problem) return { ...problem, path: item.path };
      continue;
    }
    if (item.value === null || typeof item.value !== 'object') continue;
    const depth = item.depth + 1;
    if (depth > maxDepth) {
      return { code: 'json.tooDeep', path: item.path, message: `nests objects and arrays more than ${maxDepth} levels deep` };
    }
    const entries: [string, unknown][] = Array.isArray(item.value)
      ? item.value.map((v, i) => [String(i), v])
      : Object.entries(item.value);
    // Pushed in reverse so the first field is looked at first.
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, child] = entries[i];
      const path = `${item.path}/${pointerSegment(key)}`;
      if (!Array.isArray(item.value)) {
        const keyProblem = textProblem(key);
        if (keyProblem) {
          stack.push({ value: key, path, depth });
          continue;
        }
      }
      stack.push({ value: child, path, depth });
    }
  }
  return null;
}
