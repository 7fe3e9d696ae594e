// Runs a flow's saved test cases in the browser (issue 17) with sim-core's runCases, on the
// runtime's own interpreter: the directory as the server says now
// (GET /api/flows/:id/simulate/context: calendars, groups, agents' presence, forbidden lists,
// the published flows a redirect names), HTTP steps answered by the case's typed answers,
// else through the server (POST /api/flows/:id/simulate/http, the runtime's outbound policy).
// Nothing is sent for real: SMS, callbacks, voicemail and legs are simulated.
import { applyFlowDefaults, type FlowDocument } from '@/schemas';
import { indexFlow, loadFlow, type LoadedFlow } from '@/flow-runtime/interpreter/load-flow';
import type { CallContext } from '@/flow-runtime/interpreter/context';
import { runCases } from '@/flow-runtime/simulator/run-case';
import type { HttpRequestEffect, SimulatorHttp } from '@/flow-runtime/simulator/simulator';
import { coverage as coverageOf } from '@/flow-runtime/simulator/coverage';
import type { CaseRun, Coverage, FlowTestCase } from '@/flow-runtime/simulator/types';

export interface SimulationContext {
  context: CallContext;
  flows: Record<string, LoadedFlow>;
}

export class ContextUnavailable extends Error {}

/** The directory context of a simulated call, from the server (never cached: presence is "now"). */
export async function fetchSimulationContext(flowId: string, signal?: AbortSignal): Promise<SimulationContext> {
  let response: Response;
  try {
    response = await fetch(`/api/flows/${encodeURIComponent(flowId)}/simulate/context`, { credentials: 'same-origin', headers: { accept: 'application/json' }, signal: signal ?? AbortSignal.timeout(20_000) });
  } catch (err) {
    throw new ContextUnavailable((err as Error).message);
  }
  if (!response.ok) throw new ContextUnavailable(`HTTP ${response.status}`);
  const body = (await response.json()) as { context: CallContext; flows?: Record<string, { name: string; document: unknown }> };
  const flows: Record<string, LoadedFlow> = {};
  for (const [id, flow] of Object.entries(body.flows ?? {})) {
    try {
      flows[id] = loadFlow(flow.document, { flowId: id });
    } catch {
      // A target that cannot load: the redirect step fails in the simulation as it would live.
    }
  }
  return { context: body.context, flows };
}

/** An HTTP request step, performed by the server under the runtime's outbound policy. */
function serverHttp(flowId: string): SimulatorHttp {
  return async (effect: HttpRequestEffect) => {
    try {
      const response = await fetch(`/api/flows/${encodeURIComponent(flowId)}/simulate/http`, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ method: effect.method, url: effect.url, headers: effect.headers, body: effect.body, timeoutMs: effect.timeoutMs }),
        signal: AbortSignal.timeout((effect.timeoutMs ?? 10_000) + 15_000),
      });
      const answer = (await response.json().catch(() => null)) as { status?: number; body?: string; error?: unknown } | null;
      if (response.ok && answer && typeof answer.status === 'number') return { status: answer.status, body: answer.body ?? '' };
      if (response.ok && answer && typeof answer.error === 'string') return { error: answer.error as 'network' | 'timeout' | 'refused' };
      return { error: 'refused' as const, detail: `HTTP ${response.status}` };
    } catch (err) {
      return { error: 'network' as const, detail: (err as Error).message };
    }
  };
}

export interface SavedCasesRun {
  runs: CaseRun[];
  coverage: Coverage;
}

/** Runs `cases` (default: all the document's) on `document`; coverage of the runs over the document. */
export async function runSavedCases(flowId: string, document: FlowDocument, cases: readonly FlowTestCase[], sim?: SimulationContext): Promise<SavedCasesRun> {
  const { context, flows } = sim ?? (await fetchSimulationContext(flowId));
  const flow = loadDraft(document);
  const runs = await runCases(flow, cases, { context, flows, http: serverHttp(flowId), flowId });
  return { runs, coverage: coverageOf(flow, runs) };
}

/**
 * A draft as the simulator runs it: like loadFlow(), but a draft may keep required outputs
 * unconnected (the API tolerates them until publish): a call reaching one ends there, as the
 * runtime would end it. Defaults applied, as published flows have them.
 */
export function loadDraft(document: FlowDocument): LoadedFlow {
  try {
    return loadFlow(document);
  } catch {
    return indexFlow(applyFlowDefaults(structuredClone(document)));
  }
}
