// Public entry of the simulator (issue 17): pure and browser-safe (no node: imports, no Prisma).
export * from './types';
export { Simulator, SimulationInputError, simulationInstant, contextWithOverrides, MAX_EVENTS, SIMULATION_CALL_ID } from './simulator';
export type { SimulatorOptions, SimulatorHttp, SimulatorHttpAnswer, HttpRequestEffect, SimulationListener, TraceStep } from './simulator';
export { runCase, runCases, runFlowTests, checkCase, asLoadedFlow, emptyResult, sameValue, DEFAULT_MAX_SILENCES, type RunCaseOptions, type FlowTestsOptions } from './run-case';
export { promptDurationMs, promptText } from './transcript';
export { coverage, connectedOutputs } from './coverage';
export { caseFromResult, newTestCaseId, MAX_EXPECTED_VISITED, MAX_EXPECTED_VARIABLES, MAX_HTTP_BODY, type CaseFromResultOptions } from './case-from-result';
export { remapTestCaseIds } from './remap-test-ids';
