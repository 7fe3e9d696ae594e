// Request body validation at the boundary: size limit (413), JSON parsing (400 INVALID_JSON),
// depth and text checks (./json-guard.ts), and JSON Schema validation with ajv against
// schemas/api (400 VALIDATION_FAILED, `path` = JSON pointer of the first failing field,
// `problems` = every failure).
import Ajv2020Module, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { apiSchemas, PATCH_SCHEMAS, patchSchemaName, updateSchemaOf, type ApiSchemaName, type PatchSchemaName } from '@/schemas/api';
import { commonSchema, flowSchema, stepSchemas } from '@/schemas';
import { JSON_RULE, type BodyLimitRule } from './body-limits';
import { ApiError, type ApiProblem } from './errors';
import { findJsonProblem } from './json-guard';
import { readBodyText } from './read-body';

// ajv and ajv-formats are CommonJS; under ESM the export may sit on `.default`.
const Ajv2020 = ((Ajv2020Module as unknown as { default?: unknown }).default ?? Ajv2020Module) as typeof Ajv2020Module;
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as typeof addFormatsModule;

const ANNOTATION_KEYWORDS = ['x-title-fr', 'x-description-fr', 'x-category', 'x-outputs', 'x-reference', 'x-expression', 'x-template'];

let validators: Map<string, ValidateFunction> | undefined;

function getValidators(): Map<string, ValidateFunction> {
  if (validators) return validators;
  const ajv = new Ajv2020({ allErrors: true, strict: false, allowUnionTypes: true });
  addFormats(ajv, ['date', 'time', 'date-time', 'uri', 'regex', 'json-pointer']);
  for (const keyword of ANNOTATION_KEYWORDS) ajv.addKeyword({ keyword });
  ajv.addSchema(commonSchema);
  for (const schema of Object.values(stepSchemas)) ajv.addSchema(schema);
  ajv.addSchema(flowSchema);
  const map = new Map<string, ValidateFunction>();
  for (const [name, schema] of Object.entries(apiSchemas)) map.set(name, ajv.compile(schema));
  for (const name of PATCH_SCHEMAS) map.set(patchSchemaName(name), ajv.compile(updateSchemaOf(name)));
  validators = map;
  return map;
}

export type BodySchema = ApiSchemaName | `${PatchSchemaName extends `${infer B}Input` ? B : never}Patch`;

export interface ReadJsonOptions {
  /** Byte limit of the body (413 past it); JSON_RULE (1 MB) unless the route needs more. */
  limit?: BodyLimitRule;
  /** An empty body reads as `{}` (actions whose fields are all optional). */
  allowEmpty?: boolean;
}

/**
 * Reads the JSON body of a request, always a JSON object: 413 past the byte limit (counted
 * while streaming), 400 INVALID_JSON when it is not JSON or not an object (`null`, arrays,
 * numbers…), 400 VALIDATION_FAILED with the field's pointer for nesting deeper than
 * MAX_JSON_DEPTH, NUL characters and unpaired surrogates (see ./json-guard.ts).
 */
export async function readJson(req: Request, options: ReadJsonOptions = {}): Promise<Record<string, unknown>> {
  const text = await readBodyText(req, options.limit ?? JSON_RULE);
  if (!text.trim()) {
    if (options.allowEmpty) return {};
    throw new ApiError('INVALID_JSON', 'The request body is empty; send a JSON object', { path: '' });
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (err) {
    throw new ApiError('INVALID_JSON', `The request body is not valid JSON: ${(err as Error).message}`, { path: '' });
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    const got = body === null ? 'null' : Array.isArray(body) ? 'an array' : typeof body;
    throw new ApiError('INVALID_JSON', `The request body must be a JSON object (got ${got})`, { path: '' });
  }
  assertStorableJson(body);
  return body as Record<string, unknown>;
}

/** 400 VALIDATION_FAILED at the first too-deep value or unstorable text of `value`. */
export function assertStorableJson(value: unknown, basePath = ''): void {
  const problem = findJsonProblem(value);
  if (!problem) return;
  const path = basePath + problem.path;
  throw new ApiError('VALIDATION_FAILED', `${path || 'body'}: ${problem.message}`, {
    path,
    problems: [{ severity: 'error', code: problem.code, message: problem.message, path }],
  });
}

/** Validates a value against a named API schema; throws VALIDATION_FAILED with the exact field. */
export function assertValid<T>(schema: BodySchema, value: unknown): T {
  const validate = getValidators().get(schema);
  if (!validate) throw new Error(`unknown API schema ${schema}`);
  if (validate(value)) return value as T;
  const problems = toProblems(validate.errors ?? []);
  const first = problems[0];
  throw new ApiError('VALIDATION_FAILED', first ? `${first.path || 'body'}: ${first.message}` : 'The body is invalid', {
    path: first?.path ?? '',
    problems,
  });
}

/** readJson + assertValid. */
export async function validateBody<T>(req: Request, schema: BodySchema): Promise<T> {
  return assertValid<T>(schema, await readJson(req));
}

/** ajv errors → problems whose path names the failing field itself (missing and extra properties included). */
export function toProblems(errors: ErrorObject[]): ApiProblem[] {
  const seen = new Set<string>();
  const problems: ApiProblem[] = [];
  for (const error of errors) {
    // if/then and anyOf wrappers repeat what their branches said.
    if (error.keyword === 'if' || error.keyword === 'anyOf' || error.keyword === 'oneOf') continue;
    let path = error.instancePath;
    let message = error.message ?? 'is invalid';
    if (error.keyword === 'required') {
      const missing = (error.params as { missingProperty: string }).missingProperty;
      path += '/' + escape(missing);
      message = 'is required';
    } else if (error.keyword === 'additionalProperties') {
      const extra = (error.params as { additionalProperty: string }).additionalProperty;
      path += '/' + escape(extra);
      message = 'is not an allowed property';
    } else if (error.keyword === 'enum') {
      message = `must be one of ${(error.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
    }
    const key = `${path} ${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push({ severity: 'error', code: `schema.${error.keyword}`, message, path });
  }
  if (problems.length === 0 && errors.length > 0) {
    problems.push({ severity: 'error', code: `schema.${errors[0].keyword}`, message: errors[0].message ?? 'is invalid', path: errors[0].instancePath });
  }
  return problems;
}

function escape(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}
