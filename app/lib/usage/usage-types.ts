// What the usage module answers: which flow versions (and numbers, groups) use one object.
import type { ReferenceKind } from '@/schemas';

/** The kinds of organisation objects a flow can use: the schemas' `x-reference` kinds. */
export type UsageKind = ReferenceKind;

/**
 * draft: the flow's draft; live: its latest published version (what new calls run); canary: the
 * version its running canary gives a share of new calls; previous: an older published version
 * (only calls already in progress can still run it).
 */
export type VersionState = 'draft' | 'live' | 'canary' | 'previous';

export interface UsingStep {
  id: string;
  type: string;
  label: string | null;
}

export interface FlowVersionUse {
  flowId: string;
  flowName: string;
  /** The published version's number; null for the draft. */
  version: number | null;
  state: VersionState;
  /** The steps whose configuration names the object. */
  steps: UsingStep[];
}

export interface ResourceUsage {
  kind: UsageKind;
  id: string;
  /** Every version of a flow that is not deleted and names the object: drafts, then live, then previous. */
  flows: FlowVersionUse[];
  /** True when a draft, a live or a running canary version uses it (or, for a flow, a number routes to it): deleting it is refused. */
  blocking: boolean;
  /** Numbers: the flow the number routes its calls to (an entry, not a dependency; see README). */
  routesTo: { flowId: string; flowName: string; live: boolean } | null;
  /** Flows: the numbers routed to it. */
  numbers: { id: string; e164: string; label: string | null }[];
  /** Agents: the groups it is a member of (it leaves them when deleted; not blocking). */
  groups: { id: string; name: string }[];
}
