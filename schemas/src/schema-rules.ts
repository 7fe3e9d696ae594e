// Turns ajv errors into Problems whose path points at the exact field to fix.
import type { ErrorObject } from './ajv';
import { validateFlowSchema } from './ajv';
import { escapePointerSegment, type Problem } from './problems';

function show(value: unknown): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch {
    // Too deep for JSON.stringify (it recurses); the path already names the field.
    return Array.isArray(value) ? '[…]' : '{…}';
  }
  return text === undefined ? String(value) : text.length > 60 ? text.slice(0, 57) + '...' : text;
}

function typeOf(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
}

function describe(error: ErrorObject): { path: string; message: string; params?: Record<string, string | number> } {
  const params = error.params as Record<string, unknown>;
  const path = error.instancePath;
  const field = path.split('/').pop() || 'the flow';
  const name = `"${field.replace(/~1/g, '/').replace(/~0/g, '~')}"`;
  const got = ` (got ${show(error.data)})`;
  const named = { field: field.replace(/~1/g, '/').replace(/~0/g, '~'), got: show(error.data) };
  const limit: Record<string, number> = typeof params.limit === 'number' ? { limit: params.limit } : {};
  switch (error.keyword) {
    case 'required': {
      const missing = params.missingProperty as string;
      return { path: `${path}/${escapePointerSegment(missing)}`, message: `Missing required field "${missing}".`, params: { field: missing } };
    }
    case 'additionalProperties': {
      const extra = params.additionalProperty as string;
      return { path: `${path}/${escapePointerSegment(extra)}`, message: `Unknown field "${extra}"; remove it or check its spelling.`, params: { field: extra } };
    }
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return { path, message: `${name} must be ${params.comparison} ${params.limit}${got}.`, params: { ...named, ...limit, comparison: String(params.comparison) } };
    case 'type':
      return { path, message: `${name} must be of type ${params.type} (got ${typeOf(error.data)}).`, params: { ...named, type: String(params.type) } };
    case 'enum':
      return { path, message: `${name} must be one of ${(params.allowedValues as unknown[]).map(show).join(', ')}${got}.`, params: { ...named, values: (params.allowedValues as unknown[]).map(show).join(', ') } };
    case 'const':
      return { path, message: `${name} must be ${show(params.allowedValue)}${got}.`, params: { ...named, values: show(params.allowedValue) } };
    case 'pattern': {
      const hint = (error.parentSchema as { description?: string } | undefined)?.description;
      return { path, message: `${name} has the wrong format${got}${hint ? `: ${hint}` : `; expected ${params.pattern}`}`, params: named };
    }
    case 'format':
      return { path, message: `${name} must be a valid ${params.format}${got}.`, params: { ...named, format: String(params.format) } };
    case 'minLength':
      return { path, message: params.limit === 1 ? `${name} must not be empty.` : `${name} must be at least ${params.limit} characters long.`, params: { ...named, ...limit } };
    case 'maxLength':
      return { path, message: `${name} must be at most ${params.limit} characters long.`, params: { ...named, ...limit } };
    case 'minItems':
      return { path, message: `${name} needs at least ${params.limit} item(s).`, params: { ...named, ...limit } };
    case 'maxItems':
      return { path, message: `${name} can have at most ${params.limit} items.`, params: { ...named, ...limit } };
    case 'uniqueItems':
      return { path, message: `${name} has duplicate items (items ${params.j} and ${params.i}); remove one.`, params: named };
    case 'minProperties':
      return { path, message: `${name} needs at least ${params.limit} field(s), e.g. a text in "fr" or "en".`, params: { ...named, ...limit } };
    default:
      return { path, message: `${name} ${error.message ?? 'is invalid'}.` };
  }
}

/** Schema problems of a flow document, with node/edge ids attached when the path is inside one. */
export function checkSchema(flow: unknown): Problem[] {
  if (validateFlowSchema(flow)) return [];
  const problems: Problem[] = [];
  const seen = new Set<string>();
  const doc = flow as { nodes?: unknown; edges?: unknown };
  for (const error of validateFlowSchema.errors ?? []) {
    // if/then failures repeat the real error of the `then` branch; keep only the real one.
    if (error.keyword === 'if') continue;
    const { path, message, params } = describe(error);
    const code = `schema.${error.keyword}` as const;
    const key = `${code}|${path}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const problem: Problem = { severity: 'error', code, message, path, ...(params ? { params } : {}) };
    const owner = /^\/(nodes|edges)\/(\d+)/.exec(path);
    if (owner) {
      const list = owner[1] === 'nodes' ? doc.nodes : doc.edges;
      const id = Array.isArray(list) ? (list[Number(owner[2])] as { id?: unknown } | undefined)?.id : undefined;
      if (typeof id === 'string') problem[owner[1] === 'nodes' ? 'nodeId' : 'edgeId'] = id;
    }
    problems.push(problem);
  }
  return problems;
}
