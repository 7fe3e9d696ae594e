// Finds annotated fields of a step's config by walking its schema once at module load:
// organisation references (x-reference), expressions (x-expression), templates (x-template).
import { commonSchema } from '../generated/schema-bundle';
import type { JsonSchemaDocument } from './json-schema';

/** A path into a config; '*' stands for every item of an array. */
export type FieldPath = readonly (string | '*')[];

export const REFERENCE_KINDS = ['sounds', 'groups', 'calendars', 'numbers', 'flows', 'agents', 'forbiddenLists'] as const;
export type ReferenceKind = (typeof REFERENCE_KINDS)[number];

export interface AnnotatedFields {
  references: { path: FieldPath; kind: ReferenceKind }[];
  expressions: FieldPath[];
  templates: FieldPath[];
}

const commonDefs = commonSchema.$defs as Record<string, JsonSchemaDocument>;

function resolveRef(ref: string): JsonSchemaDocument {
  const match = /(?:^|common\.schema\.json)#\/\$defs\/([A-Za-z0-9_]+)$/.exec(ref);
  const def = match ? commonDefs[match[1]] : undefined;
  if (!def) throw new Error(`Cannot resolve $ref "${ref}" (only common.schema.json#/$defs/... is supported in step schemas).`);
  return def;
}

export function collectAnnotatedFields(schema: JsonSchemaDocument): AnnotatedFields {
  const found: AnnotatedFields = { references: [], expressions: [], templates: [] };
  const seen = new Set<string>();
  const add = (list: FieldPath[], path: FieldPath) => {
    const key = `${list === found.expressions ? 'e' : 't'}:${path.join('/')}`;
    if (!seen.has(key)) {
      seen.add(key);
      list.push(path);
    }
  };
  const visit = (node: JsonSchemaDocument, path: FieldPath): void => {
    const kind = node['x-reference'];
    if (typeof kind === 'string' && !seen.has(`r:${path.join('/')}`)) {
      seen.add(`r:${path.join('/')}`);
      found.references.push({ path, kind: kind as ReferenceKind });
    }
    if (node['x-expression'] === true) add(found.expressions, path);
    if (node['x-template'] === true) add(found.templates, path);
    if (typeof node.$ref === 'string') visit(resolveRef(node.$ref), path);
    const properties = node.properties as Record<string, JsonSchemaDocument> | undefined;
    if (properties) for (const [name, sub] of Object.entries(properties)) visit(sub, [...path, name]);
    if (node.items && typeof node.items === 'object') visit(node.items as JsonSchemaDocument, [...path, '*']);
    for (const key of ['allOf', 'anyOf', 'oneOf'] as const) {
      for (const sub of (node[key] as JsonSchemaDocument[] | undefined) ?? []) {
        visit(sub, path);
        if (sub.then) visit(sub.then as JsonSchemaDocument, path);
        if (sub.else) visit(sub.else as JsonSchemaDocument, path);
      }
    }
  };
  visit(schema, []);
  return found;
}

/** Default value of the property at a simple pointer (e.g. /target/kind), read from the schema. */
export function schemaDefaultAt(schema: JsonSchemaDocument, pointer: string): unknown {
  let node: JsonSchemaDocument | undefined = schema;
  for (const segment of pointer.split('/').slice(1)) {
    node = (node?.properties as Record<string, JsonSchemaDocument> | undefined)?.[segment];
    if (node && typeof node.$ref === 'string') node = { ...resolveRef(node.$ref), ...node };
  }
  return node?.default;
}

/**
 * Calls `visit` with each value found at `path` in `value` and its JSON pointer (relative to value).
 * Missing fields are skipped.
 */
export function forEachValueAt(
  value: unknown,
  path: FieldPath,
  visit: (found: unknown, pointer: string) => void,
  index = 0,
  at = '',
): void {
  if (value === undefined) return;
  if (index === path.length) return visit(value, at);
  const segment = path[index];
  if (segment === '*') {
    if (Array.isArray(value)) value.forEach((item, i) => forEachValueAt(item, path, visit, index + 1, `${at}/${i}`));
    return;
  }
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    forEachValueAt((value as Record<string, unknown>)[segment], path, visit, index + 1, `${at}/${segment}`);
  }
}
