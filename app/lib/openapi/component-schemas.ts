// JSON Schemas → OpenAPI components. The same schema files that validate requests are copied
// into `components.schemas`, with every `$ref` rewritten to point inside the OpenAPI document
// (`#/components/schemas/<Name>…`) and `$id`/`$schema` removed (an `$id` would change how
// nested refs resolve).
import { commonSchema, flowSchema, stepSchemas } from '@/schemas';
import { apiSchemas, PATCH_SCHEMAS, patchSchemaName, updateSchemaOf, type JsonSchema } from '@/schemas/api';

const COMPONENTS = '#/components/schemas/';

/** Every schema document by its `$id`, with the component name it gets. */
function sourceDocuments(): { name: string; schema: JsonSchema }[] {
  return [
    { name: 'Common', schema: commonSchema as JsonSchema },
    { name: 'Flow', schema: flowSchema as JsonSchema },
    ...Object.entries(stepSchemas).map(([type, schema]) => ({ name: `Step.${type}`, schema: schema as JsonSchema })),
    ...Object.entries(apiSchemas).map(([name, schema]) => ({ name, schema: schema as JsonSchema })),
    ...PATCH_SCHEMAS.map((name) => ({ name: patchSchemaName(name), schema: updateSchemaOf(name) })),
  ];
}

function rewrite(value: unknown, baseId: string, nameById: Map<string, string>, top: boolean): unknown {
  if (Array.isArray(value)) return value.map((v) => rewrite(v, baseId, nameById, false));
  if (!value || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (top && (key === '$id' || key === '$schema')) continue;
    if (key === '$ref' && typeof v === 'string') {
      const absolute = new URL(v, baseId);
      const fragment = decodeURIComponent(absolute.hash.replace(/^#/, ''));
      absolute.hash = '';
      const name = nameById.get(absolute.toString());
      if (!name) throw new Error(`OpenAPI: unresolvable $ref ${v} in ${baseId}`);
      out.$ref = COMPONENTS + name + fragment.replace(/[^A-Za-z0-9$/._~-]/g, encodeURIComponent);
      continue;
    }
    out[key] = rewrite(v, baseId, nameById, false);
  }
  return out;
}

export function componentSchemas(): Record<string, unknown> {
  const docs = sourceDocuments();
  const nameById = new Map(docs.map((d) => [String(d.schema.$id), d.name]));
  return Object.fromEntries(docs.map((d) => [d.name, rewrite(d.schema, String(d.schema.$id), nameById, true)]));
}
