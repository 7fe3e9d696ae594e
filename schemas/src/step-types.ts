import { STEP_TYPE_IDS } from '../generated/schema-bundle';

/** Every step type id, in palette order. The same id names the schema file, the editor node and the runtime handler. */
export const STEP_TYPES = STEP_TYPE_IDS;
export type StepType = (typeof STEP_TYPES)[number];

const stepTypeSet: ReadonlySet<string> = new Set(STEP_TYPES);
export function isStepType(value: unknown): value is StepType {
  return typeof value === 'string' && stepTypeSet.has(value);
}
