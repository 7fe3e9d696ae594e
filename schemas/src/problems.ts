/** One finding of validateFlow(). `path` is a JSON pointer into the flow document. */
export interface Problem {
  severity: 'error' | 'warning';
  code: ProblemCode;
  message: string;
  /** The values named in `message`, for a translated message (e.g. { node: "menu", output: "timeout" }). */
  params?: Record<string, string | number>;
  path: string;
  nodeId?: string;
  edgeId?: string;
}

/** Every code validateFlow() can report; `schema.<keyword>` for JSON Schema failures. */
export const PROBLEM_CODES = [
  'flow.not-object',
  'entry.missing',
  'node.duplicate-id',
  'node.unreachable',
  'edge.duplicate-id',
  'edge.unknown-source',
  'edge.unknown-target',
  'edge.unknown-output',
  'output.multiple-edges',
  'output.duplicate',
  'output.required-unconnected',
  'output.unconnected',
  'settings.unknown-node',
  'split.percent-sum',
  'input.length-range',
  'expression.invalid',
  'template.invalid',
  'reference.missing',
  'queue.no-fallback',
  'loop.no-exit',
  'test.unknown-node',
  'test.duplicate-id',
] as const;

export type ProblemCode = (typeof PROBLEM_CODES)[number] | `schema.${string}`;

/** Escapes one JSON pointer segment (RFC 6901). */
export function escapePointerSegment(segment: string | number): string {
  return String(segment).replace(/~/g, '~0').replace(/\//g, '~1');
}

export function pointer(...segments: (string | number)[]): string {
  return segments.map((s) => '/' + escapePointerSegment(s)).join('');
}
