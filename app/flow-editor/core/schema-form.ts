// Derives an inspector form from a step's JSON Schema, once per step type. Each property
// becomes a field whose widget follows its schema:
//   x-reference            → reference picker (sounds, groups, calendars, …)
//   $defs/prompt           → prompt widget (sound, or text-to-speech per language)
//   array of {key: dtmfKey}→ keypad chooser (menu keys)
//   *Seconds number        → duration in seconds
//   enum / boolean / number / string / expression / template → the matching input
//   array of enum          → checkboxes; array of strings/references → list
//   array of objects       → list of sub-forms (add, remove, reorder)
//   object                 → nested fieldset; `if kind = K then required [f]` shows f only for K
// Pure: no React. The form components in ../widgets render these descriptors.
import { commonSchema, type JsonSchemaDocument, type ReferenceKind } from '@/schemas';

type Schema = JsonSchemaDocument;
const commonDefs = commonSchema.$defs as Record<string, Schema>;

export type Widget =
  | 'reference'
  | 'prompt'
  | 'keys'
  | 'duration'
  | 'enum'
  | 'boolean'
  | 'number'
  | 'string'
  | 'expression'
  | 'template'
  | 'multi-enum'
  | 'string-list'
  | 'reference-list'
  | 'object-array'
  | 'object';

export interface FieldDescriptor {
  name: string;
  /** Property names from the step config down to this field, joined by "/" (the key of its texts in schemas/messages). */
  key: string;
  widget: Widget;
  required: boolean;
  description?: string;
  defaultValue?: unknown;
  /** number / duration */
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  integer?: boolean;
  /** string */
  maxLength?: number;
  minLength?: number;
  pattern?: string;
  multiline?: boolean;
  /** enum, multi-enum */
  options?: string[];
  /** reference, reference-list */
  referenceKind?: ReferenceKind;
  /** arrays */
  minItems?: number;
  maxItems?: number;
  /** object, object-array: the item's fields */
  fields?: FieldDescriptor[];
  /** Shown only when the sibling field `field` has one of `values` (from if/then in the schema). */
  visibleWhen?: { field: string; values: string[] };
}

/** Resolves $ref chains into one schema (siblings of $ref win), remembering the common $defs names crossed. */
export function resolveSchema(schema: Schema): { schema: Schema; defs: string[] } {
  const defs: string[] = [];
  let current: Schema = schema;
  const merged: Schema = {};
  for (let depth = 0; depth < 10; depth++) {
    for (const [k, v] of Object.entries(current)) if (k !== '$ref' && !(k in merged)) merged[k] = v;
    const ref = current.$ref;
    if (typeof ref !== 'string') break;
    const name = /#\/\$defs\/([A-Za-z0-9_]+)$/.exec(ref)?.[1];
    const def = name ? commonDefs[name] : undefined;
    if (!name || !def) break;
    defs.push(name);
    current = def;
  }
  return { schema: merged, defs };
}

function conditionalVisibility(schema: Schema): Map<string, { field: string; values: string[] }> {
  const visibility = new Map<string, { field: string; values: string[] }>();
  for (const rule of (schema.allOf as Schema[] | undefined) ?? []) {
    const conditions = (rule.if as Schema | undefined)?.properties as Record<string, Schema> | undefined;
    const required = ((rule.then as Schema | undefined)?.required as string[] | undefined) ?? [];
    if (!conditions) continue;
    const [field, condition] = Object.entries(conditions)[0] ?? [];
    if (!field || typeof condition?.const !== 'string') continue;
    for (const name of required) {
      const existing = visibility.get(name);
      if (existing && existing.field === field) existing.values.push(condition.const);
      else visibility.set(name, { field, values: [condition.const] });
    }
  }
  return visibility;
}

export function describeObject(schema: Schema, prefix = ''): FieldDescriptor[] {
  const { schema: resolved } = resolveSchema(schema);
  const properties = (resolved.properties as Record<string, Schema> | undefined) ?? {};
  const required = new Set((resolved.required as string[] | undefined) ?? []);
  const visibility = conditionalVisibility(resolved);
  return Object.entries(properties).map(([name, sub]) => {
    const field = describeField(name, sub, required.has(name), prefix ? `${prefix}/${name}` : name);
    const when = visibility.get(name);
    return when ? { ...field, visibleWhen: when } : field;
  });
}

export function describeField(name: string, raw: Schema, required: boolean, key = name): FieldDescriptor {
  const { schema, defs } = resolveSchema(raw);
  const base: FieldDescriptor = { name, key, widget: 'string', required };
  if (typeof schema.description === 'string') base.description = schema.description;
  if (schema.default !== undefined) base.defaultValue = schema.default;
  const type = schema.type;
  if (typeof schema['x-reference'] === 'string') return { ...base, widget: 'reference', referenceKind: schema['x-reference'] as ReferenceKind };
  if (defs.includes('prompt')) return { ...base, widget: 'prompt' };
  if (Array.isArray(schema.enum)) return { ...base, widget: 'enum', options: schema.enum.map(String) };
  if (type === 'boolean') return { ...base, widget: 'boolean' };
  if (type === 'integer' || type === 'number') {
    const bounds = {
      ...(typeof schema.minimum === 'number' ? { minimum: schema.minimum } : {}),
      ...(typeof schema.maximum === 'number' ? { maximum: schema.maximum } : {}),
      ...(typeof schema.exclusiveMinimum === 'number' ? { exclusiveMinimum: schema.exclusiveMinimum } : {}),
      integer: type === 'integer',
    };
    return { ...base, ...bounds, widget: /Seconds$/.test(name) ? 'duration' : 'number' };
  }
  if (type === 'array') {
    const items = resolveSchema((schema.items as Schema | undefined) ?? {});
    const arrayBase = {
      ...base,
      ...(typeof schema.minItems === 'number' ? { minItems: schema.minItems } : {}),
      ...(typeof schema.maxItems === 'number' ? { maxItems: schema.maxItems } : {}),
    };
    if (typeof items.schema['x-reference'] === 'string') return { ...arrayBase, widget: 'reference-list', referenceKind: items.schema['x-reference'] as ReferenceKind };
    if (Array.isArray(items.schema.enum)) return { ...arrayBase, widget: 'multi-enum', options: items.schema.enum.map(String) };
    if (items.schema.type === 'object') {
      const fields = describeObject(items.schema, key);
      const keyField = (items.schema.properties as Record<string, Schema> | undefined)?.key;
      if (keyField && resolveSchema(keyField).defs.includes('dtmfKey')) return { ...arrayBase, widget: 'keys', fields };
      return { ...arrayBase, widget: 'object-array', fields };
    }
    return { ...arrayBase, widget: 'string-list', ...(typeof items.schema.pattern === 'string' ? { pattern: items.schema.pattern } : {}) };
  }
  if (type === 'object') return { ...base, widget: 'object', fields: describeObject(schema, key) };
  const text = {
    ...(typeof schema.maxLength === 'number' ? { maxLength: schema.maxLength } : {}),
    ...(typeof schema.minLength === 'number' ? { minLength: schema.minLength } : {}),
    ...(typeof schema.pattern === 'string' ? { pattern: schema.pattern } : {}),
  };
  if (schema['x-expression'] === true) return { ...base, ...text, widget: 'expression' };
  if (schema['x-template'] === true) return { ...base, ...text, widget: 'template', multiline: (schema.maxLength as number | undefined ?? 0) > 300 };
  return { ...base, ...text, widget: 'string' };
}

const cache = new Map<Schema, FieldDescriptor[]>();
/** The form of a step schema (memoised per schema object). */
export function stepForm(schema: Schema): FieldDescriptor[] {
  let form = cache.get(schema);
  if (!form) cache.set(schema, (form = describeObject(schema)));
  return form;
}

/** A new item for an object array: defaults of its fields, required enums set to their first option. */
export function newArrayItem(field: FieldDescriptor, existing: readonly unknown[]): unknown {
  if (field.widget === 'string-list' || field.widget === 'reference-list') return '';
  const item: Record<string, unknown> = {};
  for (const f of field.fields ?? []) {
    if (f.defaultValue !== undefined) item[f.name] = f.defaultValue;
    else if (f.required && f.widget === 'enum') item[f.name] = f.options?.[0];
    else if (f.required && (f.widget === 'number' || f.widget === 'duration')) item[f.name] = f.minimum ?? 0;
    else if (f.required && f.name === 'id') item.id = freeBranchId(existing);
    else if (f.required && f.widget !== 'reference') item[f.name] = '';
  }
  return item;
}

function freeBranchId(existing: readonly unknown[]): string {
  const taken = new Set(existing.map((i) => (i as { id?: string })?.id));
  for (const letter of 'abcdefghijklmnopqrstuvwxyz') if (!taken.has(letter)) return letter;
  return `branch${existing.length + 1}`;
}

/** Immutable set at a path of object keys / array indexes; `undefined` removes the key. */
export function setIn(value: unknown, path: readonly (string | number)[], next: unknown): unknown {
  if (path.length === 0) return next;
  const [head, ...rest] = path;
  if (Array.isArray(value) && typeof head === 'number') {
    const copy = value.slice();
    copy[head] = setIn(copy[head], rest, next);
    return copy;
  }
  const obj = value !== null && typeof value === 'object' && !Array.isArray(value) ? { ...(value as Record<string, unknown>) } : {};
  const child = setIn(obj[head as string], rest, next);
  if (child === undefined) delete obj[head as string];
  else obj[head as string] = child;
  return obj;
}
