// Compiled validators, built once at module load (ajv 8, draft 2020-12).
import Ajv2020Module, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { commonSchema, flowSchema, stepSchemas } from '../generated/schema-bundle';
import { STEP_TYPES, type StepType } from './step-types';

// ajv and ajv-formats are CommonJS; under ESM the class/function may sit on `.default`.
const Ajv2020 = ((Ajv2020Module as unknown as { default?: unknown }).default ?? Ajv2020Module) as typeof Ajv2020Module;
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as typeof addFormatsModule;

/** Our annotation keywords: ajv's strict mode rejects unknown keywords unless declared. */
const ANNOTATION_KEYWORDS = ['x-title-fr', 'x-description-fr', 'x-category', 'x-outputs', 'x-reference', 'x-expression', 'x-template'];

function createAjv(useDefaults: boolean): InstanceType<typeof Ajv2020> {
  const ajv = new Ajv2020({ allErrors: true, verbose: true, strict: true, strictTypes: false, strictRequired: false, allowUnionTypes: true, useDefaults });
  addFormats(ajv, ['regex', 'json-pointer', 'uri', 'date', 'time']);
  for (const keyword of ANNOTATION_KEYWORDS) ajv.addKeyword({ keyword, schemaType: ['string', 'object', 'boolean', 'array'] });
  ajv.addSchema(commonSchema);
  for (const type of STEP_TYPES) ajv.addSchema(stepSchemas[type]);
  ajv.addSchema(flowSchema);
  return ajv;
}

function compileAll(ajv: InstanceType<typeof Ajv2020>) {
  const flow = ajv.getSchema(flowSchema.$id as string) as ValidateFunction;
  const steps = Object.fromEntries(
    STEP_TYPES.map((type) => [type, ajv.getSchema(stepSchemas[type].$id as string) as ValidateFunction]),
  ) as Record<StepType, ValidateFunction>;
  return { flow, steps };
}

const strictValidators = compileAll(createAjv(false));
const defaultingValidators = compileAll(createAjv(true));

/** Validates a whole flow document against flow.schema.json (step configs included). Does not modify its input. */
export const validateFlowSchema: ValidateFunction = strictValidators.flow;
/** Validates one step config against its step schema, e.g. `validateStepConfig['menu'](config)`. */
export const validateStepConfig: Readonly<Record<StepType, ValidateFunction>> = strictValidators.steps;

/**
 * Returns a deep copy of `flow` with every schema `default` filled in (the runtime reads
 * configs this way, so it never hard-codes a default). Use on flows that validateFlow() accepted.
 */
export function applyFlowDefaults<T>(flow: T): T {
  const copy = structuredClone(flow);
  defaultingValidators.flow(copy);
  return copy;
}

/** Returns a deep copy of one step config with schema defaults filled in. */
export function applyStepDefaults<T>(type: StepType, config: T): T {
  const copy = structuredClone(config);
  defaultingValidators.steps[type](copy);
  return copy;
}

export type { ErrorObject };
