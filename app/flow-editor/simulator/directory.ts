// The organisation's directory as a simulated call sees it: GET /api/flows/:id/simulate/context
// (calendars, groups, forbidden lists, agents with their presence now, the org's numbers, the
// published flows a redirect step names, the org's time zone). Loaded when the panel opens.
import { EMPTY_CONTEXT, type AgentPresence, type CallContext, type LoadedFlow } from '@/flow-runtime/interpreter';
import type { FlowDocument } from '@/schemas';
import { loadDraft } from './load-draft';

export interface SimulationDirectory {
  context: CallContext;
  agents: { id: string; name: string; status: AgentPresence }[];
  groups: { id: string; name: string }[];
  numbers: { e164: string; label?: string | null }[];
  /** Targets of redirect-to-flow steps, loaded. */
  flows: Record<string, LoadedFlow>;
  /** Flow id → name (redirect targets), for the transcript. */
  flowNames: Record<string, string>;
  timezone: string;
  homeCountryCode: string;
}

interface ContextResponse {
  context: CallContext;
  agents?: { id: string; name: string; status: AgentPresence }[];
  groups?: { id: string; name: string }[];
  numbers?: { e164: string; label?: string | null }[];
  flows?: Record<string, { name: string; document: FlowDocument }>;
  timezone?: string;
  homeCountryCode?: string;
}

export type DirectoryLoad = { ok: true; directory: SimulationDirectory } | { ok: false; status: number | null; directory: SimulationDirectory };

/** A directory with nobody in it: what a simulation runs on when the server's cannot be read. */
export function emptyDirectory(timezone = EMPTY_CONTEXT.timezone): SimulationDirectory {
  return { context: { ...EMPTY_CONTEXT, timezone }, agents: [], groups: [], numbers: [], flows: {}, flowNames: {}, timezone, homeCountryCode: EMPTY_CONTEXT.homeCountryCode };
}

export async function loadDirectory(flowId: string, signal?: AbortSignal): Promise<DirectoryLoad> {
  const fallbackZone = Intl.DateTimeFormat().resolvedOptions().timeZone || EMPTY_CONTEXT.timezone;
  let response: Response;
  try {
    response = await fetch(`/api/flows/${encodeURIComponent(flowId)}/simulate/context`, { credentials: 'same-origin', signal: signal ?? AbortSignal.timeout(15_000) });
  } catch {
    return { ok: false, status: null, directory: emptyDirectory(fallbackZone) };
  }
  if (!response.ok) return { ok: false, status: response.status, directory: emptyDirectory(fallbackZone) };
  const body = (await response.json()) as ContextResponse;
  const flows: Record<string, LoadedFlow> = {};
  const flowNames: Record<string, string> = {};
  for (const [id, target] of Object.entries(body.flows ?? {})) {
    flowNames[id] = target.name;
    const loaded = loadDraft(target.document, id);
    if (loaded.ok) flows[id] = loaded.flow;
  }
  const timezone = body.timezone ?? body.context.timezone ?? fallbackZone;
  return {
    ok: true,
    directory: {
      context: body.context,
      agents: body.agents ?? Object.values(body.context.agents).map((a) => ({ id: a.id, name: a.name ?? a.id, status: a.status })),
      groups: body.groups ?? [],
      numbers: body.numbers ?? [],
      flows,
      flowNames,
      timezone,
      homeCountryCode: body.homeCountryCode ?? body.context.homeCountryCode,
    },
  };
}
