// Phone numbers in one canonical form, shared by the runtime (trunk, transfer policy,
// callbacks, caller numbers) and the admin (forbidden lists). See README.md.
export { MAX_NUMBER_INPUT, cleanNumber, dialNumber, judgedNumber, numberForm, type NumberForm } from './canonical-number';
export { canonicalPattern, compilePattern, matchesCompiled, matchesNumberPattern, type CompiledPattern } from './number-patterns';
export { numberingPlan, leadingCallingCode, type NumberingPlan } from './numbering-plans';
