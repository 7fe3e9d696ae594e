// The editor's draft, saved or not, made ready for the simulator: the same validation as the
// runtime, except that an unconnected required output does not stop it (a draft may have one:
// the call then ends there, as the runtime would). Other errors are returned to be shown.
import { applyFlowDefaults, validateFlow, type FlowDocument, type Problem } from '@/schemas';
import { indexFlow, type LoadedFlow } from '@/flow-runtime/interpreter';

const TOLERATED = new Set(['output.required-unconnected']);

export type DraftLoad = { ok: true; flow: LoadedFlow } | { ok: false; problems: Problem[] };

export function loadDraft(document: FlowDocument, flowId?: string): DraftLoad {
  const blocking = validateFlow(document).problems.filter((p) => p.severity === 'error' && !TOLERATED.has(p.code));
  if (blocking.length > 0) return { ok: false, problems: blocking };
  return { ok: true, flow: indexFlow(applyFlowDefaults(structuredClone(document)), flowId) };
}
