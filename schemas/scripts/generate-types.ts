// Generates schemas/generated/ from the JSON Schemas (the source of truth):
//   schema-bundle.ts  the schemas as TS objects, so tsx, vitest and Next.js import them alike
//   types.ts          TypeScript types (json-schema-to-typescript)
// Usage: npx tsx schemas/scripts/generate-types.ts [--check]
// --check writes nothing and exits 1 when a committed file differs from what would be generated.
import { readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { compile, type JSONSchema } from 'json-schema-to-typescript';

const SCHEMAS_DIR = path.resolve(import.meta.dirname, '..');
const GENERATED_DIR = path.join(SCHEMAS_DIR, 'generated');
const BANNER = '// GENERATED — do not edit; run npm run schemas:types\n// Source: schemas/*.schema.json and schemas/steps/*.schema.json\n';

type Json = Record<string, unknown>;

function readJson(file: string): Json {
  return JSON.parse(readFileSync(file, 'utf8')) as Json;
}

export interface SchemaSources {
  common: Json;
  flow: Json;
  steps: Record<string, Json>;
  stepTypes: string[];
}

/** Reads the schema files; step order is the order of the `type` enum in flow.schema.json. */
export function readSchemaSources(): SchemaSources {
  const common = readJson(path.join(SCHEMAS_DIR, 'common.schema.json'));
  const flow = readJson(path.join(SCHEMAS_DIR, 'flow.schema.json'));
  const stepTypes = ((flow.$defs as Json).node as { properties: { type: { enum: string[] } } }).properties.type.enum;
  const files = readdirSync(path.join(SCHEMAS_DIR, 'steps')).filter((f) => f.endsWith('.schema.json'));
  const fileIds = files.map((f) => f.replace(/\.schema\.json$/, '')).sort();
  const enumIds = [...stepTypes].sort();
  if (JSON.stringify(fileIds) !== JSON.stringify(enumIds)) {
    throw new Error(
      `schemas/steps/*.schema.json (${fileIds.join(', ')}) and the node type enum of flow.schema.json (${enumIds.join(', ')}) disagree; add the step to both.`,
    );
  }
  const steps: Record<string, Json> = {};
  for (const id of stepTypes) steps[id] = readJson(path.join(SCHEMAS_DIR, 'steps', `${id}.schema.json`));
  return { common, flow, steps, stepTypes };
}

function pascal(id: string): string {
  return id.replace(/(^|[-_])([a-z0-9])/g, (_, __, c: string) => c.toUpperCase());
}

function renderBundle(src: SchemaSources): string {
  const lines = [BANNER, "import type { JsonSchemaDocument } from '../src/json-schema';", ''];
  lines.push(`export const STEP_TYPE_IDS = ${JSON.stringify(src.stepTypes)} as const;`, '');
  lines.push(`export const commonSchema: JsonSchemaDocument = ${JSON.stringify(src.common, null, 2)};`, '');
  lines.push(`export const flowSchema: JsonSchemaDocument = ${JSON.stringify(src.flow, null, 2)};`, '');
  lines.push('export const stepSchemas: Record<(typeof STEP_TYPE_IDS)[number], JsonSchemaDocument> = {');
  for (const id of src.stepTypes) lines.push(`  ${JSON.stringify(id)}: ${JSON.stringify(src.steps[id], null, 2).replace(/\n/g, '\n  ')},`);
  lines.push('};', '');
  return lines.join('\n');
}

/**
 * Rewrites cross-file $refs so the whole format is one schema with local $defs. Keywords next
 * to a $ref (description, bounds) are dropped here: they do not change the TS type, and keeping
 * them would make json-schema-to-typescript emit one copy of the referenced type per use.
 */
function localizeRefs(value: unknown, stepDefName: (id: string) => string): unknown {
  if (Array.isArray(value)) return value.map((v) => localizeRefs(v, stepDefName));
  if (value === null || typeof value !== 'object') return value;
  const out: Json = {};
  const ref = (value as Json).$ref;
  if (typeof ref === 'string') value = { $ref: ref };
  for (const [key, v] of Object.entries(value as Json)) {
    if (key.startsWith('x-') || key === '$id' || key === '$schema') continue;
    if (key === '$ref' && typeof v === 'string') {
      const step = /^steps\/([a-z-]+)\.schema\.json$/.exec(v);
      if (step) out.$ref = `#/$defs/${stepDefName(step[1])}`;
      else out.$ref = v.replace(/^(\.\.\/)?common\.schema\.json/, '');
      continue;
    }
    out[key] = localizeRefs(v, stepDefName);
  }
  return out;
}

async function renderTypes(src: SchemaSources): Promise<string> {
  const configName = (id: string) => `${pascal(id)}Config`;
  const defs: Json = {};
  for (const [name, def] of Object.entries((src.common.$defs ?? {}) as Json)) defs[name] = localizeRefs(def, configName);
  for (const [name, def] of Object.entries((src.flow.$defs ?? {}) as Json)) defs[name] = localizeRefs(def, configName);
  for (const id of src.stepTypes) {
    const step = localizeRefs(src.steps[id], configName) as Json;
    defs[configName(id)] = { ...step, title: configName(id) };
  }
  const flow = localizeRefs(src.flow, configName) as Json;
  const root = { ...flow, title: 'Flow', $defs: defs } as JSONSchema;
  const body = await compile(root, 'Flow', {
    bannerComment: '',
    additionalProperties: false,
    unreachableDefinitions: true,
    declareExternallyReferenced: true,
    strictIndexSignatures: true,
    ignoreMinAndMaxItems: true,
    format: true,
    style: { singleQuote: true, printWidth: 110 },
    customName: (schema, keyName) => (schema.title ? undefined : keyName ? pascal(keyName) : undefined),
  });
  const map = src.stepTypes.map((id) => `  ${JSON.stringify(id)}: ${configName(id)};`).join('\n');
  return `${BANNER}/* eslint-disable */\n\n${body}\n/** Configuration type of each step type id. */\nexport interface StepConfigMap {\n${map}\n}\n`;
}

export async function renderGeneratedFiles(): Promise<Record<string, string>> {
  const src = readSchemaSources();
  return {
    [path.join(GENERATED_DIR, 'schema-bundle.ts')]: renderBundle(src),
    [path.join(GENERATED_DIR, 'types.ts')]: await renderTypes(src),
  };
}

/** Files whose committed content differs from what the schemas generate. */
export async function findStaleGeneratedFiles(): Promise<string[]> {
  const files = await renderGeneratedFiles();
  return Object.entries(files)
    .filter(([file, content]) => !existsSync(file) || readFileSync(file, 'utf8') !== content)
    .map(([file]) => path.relative(process.cwd(), file));
}

async function main(): Promise<void> {
  if (process.argv.includes('--check')) {
    const stale = await findStaleGeneratedFiles();
    if (stale.length > 0) {
      console.error(`Stale generated files: ${stale.join(', ')}. Run: npm run schemas:types`);
      process.exit(1);
    }
    console.log('schemas/generated is up to date.');
    return;
  }
  for (const [file, content] of Object.entries(await renderGeneratedFiles())) {
    writeFileSync(file, content);
    console.log(`wrote ${path.relative(process.cwd(), file)}`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) await main();
