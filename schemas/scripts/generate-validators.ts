// Generates schemas/generated/validators-strict.ts and validators-defaults.ts: the ajv
// validators of the flow format compiled ahead of time (ajv "standalone" code).
// Why: ajv compiles schemas with `new Function`, which the admin's Content-Security-Policy
// forbids (no 'unsafe-eval'; see app/lib/security/content-security-policy.ts). The editor runs
// validateFlow in the browser, so the validators ship as plain code instead. Same options as
// before (schemas/src/ajv-options.ts), so errors are identical; startup no longer compiles.
// Usage: npx tsx schemas/scripts/generate-validators.ts [--check]   (npm run schemas:types runs it)
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import Ajv2020Module from 'ajv/dist/2020.js';
import standaloneModule from 'ajv/dist/standalone/index.js';
import addFormatsModule from 'ajv-formats';
import { _ } from 'ajv/dist/compile/codegen/index.js';
import { commonSchema, flowSchema, stepSchemas } from '../generated/schema-bundle';
import { STEP_TYPES } from '../src/step-types';
import { AJV_OPTIONS, ANNOTATION_KEYWORDS, FORMATS, validatorExportName } from '../src/ajv-options';

// ajv and ajv-formats are CommonJS; under ESM the class/function may sit on `.default`.
const Ajv2020 = ((Ajv2020Module as unknown as { default?: unknown }).default ?? Ajv2020Module) as typeof Ajv2020Module;
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as typeof addFormatsModule;
const standaloneCode = ((standaloneModule as unknown as { default?: unknown }).default ?? standaloneModule) as typeof standaloneModule;

const GENERATED_DIR = path.resolve(import.meta.dirname, '../generated');

/**
 * ajv's standalone code loads its few runtime helpers with `require(...)`, which neither ES
 * modules under Node nor the browser bundle have: turn each into an import. A CommonJS module
 * compiled from TypeScript (all of these are) is the namespace itself under webpack, and the
 * namespace's `default` under Node: `cjs()` takes `default` only when it is such a module.
 */
function toEsModule(code: string, variant: string): string {
  const modules = [...new Set([...code.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]))];
  const allowed = new Set(['ajv/dist/runtime/ucs2length', 'ajv/dist/runtime/equal', 'ajv/dist/runtime/uri', 'ajv-formats/dist/formats']);
  for (const m of modules) if (!allowed.has(m)) throw new Error(`generate-validators: unexpected runtime dependency ${m}; add it to the allowed list once checked`);
  let body = code.replace(/^"use strict";/, '');
  for (const [i, m] of modules.entries()) body = body.replaceAll(`require("${m}")`, `dep${i}`);
  return [
    '// GENERATED — do not edit; run npm run schemas:types (schemas/scripts/generate-validators.ts)',
    `// ajv validators of the flow format compiled ahead of time (${variant}); see the script for why.`,
    '/* eslint-disable */',
    '// @ts-nocheck',
    '// prettier-ignore',
    ...modules.map((m, i) => `import * as ns${i} from '${m}.js';`),
    'const cjs = (ns) => (ns.default && ns.default.__esModule ? ns.default : ns);',
    ...modules.map((_m, i) => `const dep${i} = cjs(ns${i});`),
    body.trim(),
    '',
  ].join('\n');
}

export function renderValidators(useDefaults: boolean): string {
  const ajv = new Ajv2020({
    ...AJV_OPTIONS,
    useDefaults,
    code: { source: true, esm: true, lines: true, formats: _`require("ajv-formats/dist/formats").fullFormats` },
  });
  addFormats(ajv, [...FORMATS]);
  for (const keyword of ANNOTATION_KEYWORDS) ajv.addKeyword({ keyword, schemaType: ['string', 'object', 'boolean', 'array'] });
  ajv.addSchema(commonSchema);
  for (const type of STEP_TYPES) ajv.addSchema(stepSchemas[type]);
  ajv.addSchema(flowSchema);
  const refs: Record<string, string> = { [validatorExportName('flow')]: flowSchema.$id as string };
  for (const type of STEP_TYPES) refs[validatorExportName(type)] = stepSchemas[type].$id as string;
  return toEsModule(standaloneCode(ajv, refs), useDefaults ? 'filling in defaults' : 'strict');
}

function renderAll(): Record<string, string> {
  return {
    [path.join(GENERATED_DIR, 'validators-strict.ts')]: renderValidators(false),
    [path.join(GENERATED_DIR, 'validators-defaults.ts')]: renderValidators(true),
  };
}

/** Generated validator files that differ from what the schemas give now (relative paths). */
export function findStaleValidators(): string[] {
  return Object.entries(renderAll())
    .filter(([file, content]) => !existsSync(file) || readFileSync(file, 'utf8') !== content)
    .map(([file]) => path.relative(path.resolve(GENERATED_DIR, '../..'), file));
}

async function main() {
  if (process.argv.includes('--check')) {
    const stale = findStaleValidators();
    if (stale.length) {
      console.error(`out of date: ${stale.join(', ')}; run npm run schemas:types`);
      process.exit(1);
    }
    return;
  }
  const files = renderAll();
  for (const [file, content] of Object.entries(files)) writeFileSync(file, content);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) await main();
