// The one rule every delete route applies (README "Deleting what flows use"): an object a draft
// or a live version names cannot be deleted (409 IN_USE, with the flows and versions in
// `usage`); one only older versions name can (calls still running them degrade safely); a
// number routed to a live flow is deleted only when the caller confirms (`?confirm=true`).
import { ApiError } from '@/app/lib/api/errors';
import type { Db } from '@/app/lib/db/transaction';
import { findUsage } from './find-usage';
import type { FlowVersionUse, ResourceUsage, UsageKind } from './usage-types';

const KIND_LABELS: Record<UsageKind, string> = {
  groups: 'Group',
  calendars: 'Calendar',
  sounds: 'Sound',
  agents: 'Agent',
  forbiddenLists: 'Forbidden-destination list',
  numbers: 'Number',
  flows: 'Flow',
};

export function describeUse(use: FlowVersionUse): string {
  const version = use.state === 'draft' ? 'draft' : `v${use.version}${use.state === 'live' ? ', live' : use.state === 'canary' ? ', canary' : ''}`;
  return `"${use.flowName}" (${version})`;
}

/** Throws 409 IN_USE when a draft, live or running canary version uses the object; returns the usage otherwise. */
export async function refuseIfUsed(db: Db, organizationId: string, kind: UsageKind, id: string, name: string, options: { confirmed?: boolean } = {}): Promise<ResourceUsage> {
  const usage = await findUsage(db, organizationId, kind, id);
  // a flow redirecting to itself does not keep itself alive
  const blocking = usage.flows.filter((f) => f.state !== 'previous' && !(kind === 'flows' && f.flowId === id));
  if (blocking.length > 0) {
    throw new ApiError('IN_USE', `${KIND_LABELS[kind]} "${name}" is used by ${blocking.map(describeUse).join(', ')}; remove it from these flows (and publish) first`, {
      details: { usage: { ...usage, blocking: true }, confirmable: false },
    });
  }
  if (kind === 'numbers' && usage.routesTo?.live && !options.confirmed) {
    throw new ApiError('IN_USE', `Number ${name} routes calls to the live flow "${usage.routesTo.flowName}"; callers will hear that it is not in service. Send confirm=true to delete it anyway`, {
      details: { usage, confirmable: true },
    });
  }
  return usage;
}

/** `?confirm=true` on a DELETE. */
export function confirmedIn(req: Request): boolean {
  return new URL(req.url).searchParams.get('confirm') === 'true';
}
