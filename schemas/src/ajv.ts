// The flow format's validators (ajv 8, draft 2020-12), compiled ahead of time by
// schemas/scripts/generate-validators.ts into schemas/generated/validators-*.ts: compiling at
// load time needs `new Function`, which the admin's Content-Security-Policy refuses in the
// browser (the editor validates as you type). Regenerate with `npm run schemas:types`.
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import * as strict from '../generated/validators-strict';
import * as defaulting from '../generated/validators-defaults';
import { STEP_TYPES, type StepType } from './step-types';
import { validatorExportName } from './ajv-options';

type ValidatorModule = Record<string, ValidateFunction>;

function pick(module: ValidatorModule) {
  const get = (name: string) => {
    const validate = module[validatorExportName(name)];
    if (typeof validate !== 'function') throw new Error(`schemas/generated: no validator for ${name}; run npm run schemas:types`);
    return validate;
  };
  const steps = Object.fromEntries(STEP_TYPES.map((type) => [type, get(type)])) as Record<StepType, ValidateFunction>;
  return { flow: get('flow'), steps };
}

const strictValidators = pick(strict as unknown as ValidatorModule);
const defaultingValidators = pick(defaulting as unknown as ValidatorModule);

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
