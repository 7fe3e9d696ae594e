// A failing case's mismatches in words (issue 17): "expected to end at “Voicemail”, ended at
// “Closed”", "the path differs at step 3: expected “Menu”, got “Closed”"… Pure: returns the
// message key (under `editor.flowTests.mismatch`) and its values; the panel and the publish
// dialog translate them. Node ids become the steps' labels through `nodeName`.
import type { CaseMismatch } from '@/flow-runtime/simulator/types';

export interface MismatchText {
  key: 'endNode' | 'endNodeNone' | 'endNodeExpectedNone' | 'outcome' | 'path' | 'pathShorter' | 'pathLonger' | 'variable' | 'variableUnset' | 'error' | 'other';
  values: Record<string, string | number>;
}

/** `null` outcome = the flow handled the call alone (shown as "flow end"). */
export type OutcomeName = (outcome: string | null) => string;

export function explainMismatch(mismatch: CaseMismatch, nodeName: (id: string) => string, outcomeName: OutcomeName): MismatchText {
  const { field, expected, actual } = mismatch;
  switch (field) {
    case 'endNodeId':
      if (typeof expected === 'string' && typeof actual === 'string') return { key: 'endNode', values: { expected: nodeName(expected), actual: nodeName(actual) } };
      if (typeof expected === 'string') return { key: 'endNodeNone', values: { expected: nodeName(expected) } };
      return { key: 'endNodeExpectedNone', values: { actual: typeof actual === 'string' ? nodeName(actual) : '—' } };
    case 'outcome':
      return { key: 'outcome', values: { expected: outcomeName(asOutcome(expected)), actual: outcomeName(asOutcome(actual)) } };
    case 'visited': {
      const want = Array.isArray(expected) ? (expected as string[]) : [];
      const got = Array.isArray(actual) ? (actual as string[]) : [];
      const at = firstDifference(want, got);
      if (at >= got.length) return { key: 'pathShorter', values: { step: at + 1, expected: nodeName(want[at]) } };
      if (at >= want.length) return { key: 'pathLonger', values: { step: at + 1, actual: nodeName(got[at]) } };
      return { key: 'path', values: { step: at + 1, expected: nodeName(want[at]), actual: nodeName(got[at]) } };
    }
    case 'variables':
      if (actual === undefined) return { key: 'variableUnset', values: { name: mismatch.key ?? '', expected: show(expected) } };
      return { key: 'variable', values: { name: mismatch.key ?? '', expected: show(expected), actual: show(actual) } };
    case 'error':
      return { key: 'error', values: { detail: show(actual ?? expected) } };
    default:
      return { key: 'other', values: { field: String(field), expected: show(expected), actual: show(actual) } };
  }
}

function asOutcome(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function firstDifference(a: readonly string[], b: readonly string[]): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

function show(value: unknown): string {
  if (value === undefined) return '—';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}
