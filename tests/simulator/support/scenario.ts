// A simulated call described as plain JSON (flow name + input), run the same way in Node and
// in the browser bundle (browser-harness.ts): the results and traces must be identical.
// Browser-safe: imports only the simulator and the interpreter.
import { loadFlow, type CallContext, type LoadedFlow } from '@/flow-runtime/interpreter';
import { Simulator, type SimulationInput, type SimulationResult, type TraceStep } from '@/flow-runtime/simulator';

export interface Scenario {
  flow: string;
  input: SimulationInput;
}

export interface ScenarioRun {
  result: SimulationResult;
  trace: TraceStep[];
  actionsUsed: number;
}

/** The fixture documents loaded by name; flow_astreinte (a redirect target) is the demo flow. */
export function loadFixtureFlows(docs: Record<string, unknown>): Map<string, LoadedFlow> {
  const flows = new Map<string, LoadedFlow>();
  for (const [name, doc] of Object.entries(docs)) flows.set(name, loadFlow(doc, { flowId: name }));
  if (docs.demo) flows.set('flow_astreinte', loadFlow(docs.demo, { flowId: 'flow_astreinte' }));
  return flows;
}

export async function runScenario(flows: Map<string, LoadedFlow>, context: CallContext, scenario: Scenario): Promise<ScenarioRun> {
  const flow = flows.get(scenario.flow);
  if (!flow) throw new Error(`no flow ${scenario.flow}`);
  const sim = new Simulator({ flow, context, flows: Object.fromEntries(flows), input: scenario.input });
  await sim.start();
  const actionsUsed = await sim.runActions(scenario.input.actions);
  for (let i = 0; i < 50 && !sim.ended; i++) await sim.silence();
  return { result: sim.result(), trace: sim.trace(), actionsUsed };
}
