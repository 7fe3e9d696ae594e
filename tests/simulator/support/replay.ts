// The runtime's CallSession fed the events a simulation processed, one by one at their
// instants, with inert ports (nothing answers by itself; the flow store loads the same
// flows). It must produce the same effects and path as the simulation.
import type { CallContext, Effect, LoadedFlow, PathEntry } from '@/flow-runtime/interpreter';
import { CallSession } from '@/flow-runtime/session';
import type { SessionPorts } from '@/flow-runtime/session';
import { contextWithOverrides, SIMULATION_CALL_ID, type TraceStep } from '@/flow-runtime/simulator';
import type { Scenario } from './scenario';

const never = <T>(): Promise<T> => new Promise<T>(() => undefined);

function redact(effects: readonly Effect[]): Effect[] {
  return effects.map((e) => (e.type === 'httpRequest' ? { ...e, headers: e.headers.map((h) => (h.secret ? { ...h, value: '[redacted]' } : h)) } : e));
}

export async function replayInSession(
  flows: Map<string, LoadedFlow>,
  context: CallContext,
  scenario: Scenario,
  trace: readonly TraceStep[],
): Promise<{ steps: TraceStep[]; path: PathEntry[] }> {
  const flow = flows.get(scenario.flow) as LoadedFlow;
  let now = 0;
  const first = trace[0]?.event;
  const ports: SessionPorts = {
    media: { answer() {}, play: () => never(), stop() {}, collectDigits() {}, record: () => never(), stopRecording() {}, bridge() {}, hangup() {} },
    legs: { ring() {}, cancel() {} },
    http: { request: () => never() },
    sms: { send: () => never() },
    callbacks: { create: () => never() },
    records: { appendPath() {}, storeVoicemail() {}, callEnded() {} },
    queue: { join() {}, leave() {}, offerResult() {} },
    flows: { load: async (flowId) => flows.get(flowId) ?? null },
    clock: { now: () => now, setTimer: () => 0, clearTimer() {} },
    random: { seed: () => (first?.type === 'callStarted' ? first.seed : 1) },
  };
  const session = new CallSession({
    callId: SIMULATION_CALL_ID,
    flow,
    context: contextWithOverrides(context, scenario.input.agents),
    ports,
    onError: (error) => {
      throw error;
    },
  });
  const steps: TraceStep[] = [];
  session.subscribe(({ event, effects }) => steps.push({ event, effects: redact(effects) }));
  for (const [index, { event }] of trace.entries()) {
    now = event.at;
    if (event.type === 'callStarted') {
      session.start({ caller: event.caller, called: event.called, ...(event.language ? { language: event.language } : {}) });
    } else if (event.type === 'flowLoaded') {
      // the session loads the flow itself (its flow store answers at once)
      for (let i = 0; i < 100 && steps.length <= index; i++) await Promise.resolve();
    } else {
      const { at: _at, ...rest } = event;
      session.send(rest as Parameters<CallSession['send']>[0]);
    }
  }
  return { steps, path: session.path.slice() };
}
