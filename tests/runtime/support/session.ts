// Starts CallSessions on fixture flows with in-memory ports and a fake clock.
import { loadFlow, type CallContext, type LoadedFlow } from '@/flow-runtime/interpreter';
import { CallSession } from '@/flow-runtime/session';
import { createInMemoryPorts, type InMemoryPorts, type InMemoryPortsOptions } from '@/flow-runtime/session/in-memory';
import { loadGoodFlows } from '@/tests/fixtures';
import { FIXTURE_REFERENCES } from '@/tests/fixtures/references';
import { fixtureContext } from './context';

export function fixtureFlow(name: string): LoadedFlow {
  const fixture = loadGoodFlows().find((f) => f.name === name);
  if (!fixture) throw new Error(`no fixture ${name}`);
  return loadFlow(fixture.flow, { flowId: name, references: FIXTURE_REFERENCES });
}

export function startSession(
  flow: LoadedFlow,
  options: InMemoryPortsOptions & { ports?: InMemoryPorts; context?: CallContext; caller?: string | null; callId?: string; onError?: (e: unknown) => void } = {},
): { session: CallSession; ports: InMemoryPorts } {
  const ports = options.ports ?? createInMemoryPorts(options);
  const session = new CallSession({
    callId: options.callId ?? 'call-1',
    flow,
    context: options.context ?? fixtureContext(),
    ports,
    onError: options.onError ?? ((e) => {
      throw e;
    }),
  });
  session.start({ caller: options.caller === undefined ? '+33612345678' : options.caller, called: '+33184000000' });
  return { session, ports };
}
