import { STEP_TYPE_IDS } from '../generated/schema-bundle';

/** Every step type id, in palette order. The same id names the schema file, the editor node and the runtime handler. */
export const STEP_TYPES = STEP_TYPE_IDS;
export type StepType = (typeof STEP_TYPES)[number];

const stepTypeSet: ReadonlySet<string> = new Set(STEP_TYPES);
export function isStepType(value: unknown): value is StepType {
  return typeof value === 'string' && stepTypeSet.has(value);
}

/**
 * Compares a registry's keys (editor node types, runtime step handlers) with STEP_TYPES.
 * Each registry's test asserts both lists are empty, so adding a step without its editor
 * or runtime file fails a test.
 */
export function compareWithStepTypes(registryKeys: Iterable<string>): { missing: StepType[]; extra: string[] } {
  const keys = new Set(registryKeys);
  return {
    missing: STEP_TYPES.filter((type) => !keys.has(type)),
    extra: [...keys].filter((key) => !stepTypeSet.has(key)),
  };
}
