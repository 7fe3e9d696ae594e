// Public entry of the flow interpreter: pure TypeScript, no I/O.
export { transition, createCallState, LOOP_GUARD_NODE, ERROR_NODE, LOOP_GUARD_EXTRA_STEPS } from './transition';
export { loadFlow, indexFlow, followOutput, type LoadedFlow, type LoadFlowOptions } from './load-flow';
export { STEP_HANDLERS } from './registry';
export { StepRun, PLAY_GUARD_SECONDS, type StepHandler } from './step-run';
export type * from './types';
export type * from './context';
export { EMPTY_CONTEXT, orderedMembers, agentStatus } from './context';
export { FlowRuntimeError, InvalidFlowError, ExpressionEvaluationError, SessionStateError } from './errors';
export { evaluateExpression, renderTemplate, isTruthy, type Scope, type EvaluationResult } from './expressions';
export { calendarStatus, nextOpening, dayPlan, type CalendarStatus } from './hours';
export { publicHolidays, registerPublicHolidays, easterSunday } from './public-holidays';
export { forbiddenReason, judgeDestination, matchesPreset, tightenPolicy, TRANSFER_PRESETS, OPEN_POLICY } from './transfer-policy';
export { normalizeNumber, matchesPattern, isAnonymous, parseTypedNumber } from './numbers';
export { redactEffect, redactEvent, REDACTED } from './redact';
export * from './queue-coordinator';
