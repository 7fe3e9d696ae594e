// Public entry of the simulator (issue 17): pure and browser-safe (no node: imports, no Prisma).
export * from './types';
export { Simulator, SimulationInputError, simulationInstant, contextWithOverrides, MAX_EVENTS, SIMULATION_CALL_ID } from './simulator';
export type { SimulatorOptions, SimulatorHttp, SimulatorHttpAnswer, HttpRequestEffect, SimulationListener, TraceStep } from './simulator';
export { runCase, runCases, checkCase, asLoadedFlow, emptyResult, sameValue, DEFAULT_MAX_SILENCES, type RunCaseOptions } from './run-case';
export { promptDurationMs, promptText } from './transcript';
