// GET /api/flows/:id/simulate/context: what the editor's simulator panel needs to run a flow
// in the browser as a live call would run now — the directory (CallContext: calendars,
// groups, forbidden lists, agents with their presence now), lists to choose from (agents,
// groups, the organisation's numbers with the flow's own first), the published documents of
// the flows a redirect step names, the organisation's time zone and home country code.
import type { CurrentUser } from '@/app/lib/auth/current-user';
import { notFound } from '@/app/lib/api/errors';
import { loadFlowDocument, type DocumentRef } from '@/app/lib/versions/load-flow-document';
import { getPrisma } from '@/prisma/client';
import type { CallContext, AgentPresence } from '@/flow-runtime/interpreter';
import { loadSimulationDirectory, type LinkedFlow } from './simulation-directory';

export interface SimulationContextView {
  context: CallContext;
  agents: { id: string; name: string; status: AgentPresence }[];
  groups: { id: string; name: string }[];
  /** The organisation's numbers; those routed to this flow first. */
  numbers: { e164: string; label: string | null; routesHere: boolean }[];
  flows: Record<string, LinkedFlow>;
  timezone: string;
  homeCountryCode: string;
}

/** `flowIds`: more flows whose live documents to give (redirects added to an unsaved draft). */
export async function getSimulationContext(
  user: Pick<CurrentUser, 'organizationId'>,
  flowId: string,
  source: DocumentRef = 'draft',
  flowIds: readonly string[] = [],
): Promise<SimulationContextView> {
  const db = getPrisma();
  const organization = await db.organization.findUnique({ where: { id: user.organizationId }, select: { id: true, timezone: true } });
  if (!organization) throw notFound('Flow', flowId);
  const { document } = await loadFlowDocument(db, user, flowId, source);
  const [directory, numbers] = await Promise.all([
    loadSimulationDirectory(db, organization, document, flowId, flowIds),
    db.phoneNumber.findMany({ where: { organizationId: user.organizationId }, orderBy: { e164: 'asc' }, select: { e164: true, label: true, flowId: true } }),
  ]);
  const here = numbers.filter((n) => n.flowId === flowId);
  const others = numbers.filter((n) => n.flowId !== flowId);
  return {
    context: directory.context,
    agents: directory.agents,
    groups: directory.groups,
    numbers: [...here, ...others].map((n) => ({ e164: n.e164, label: n.label, routesHere: n.flowId === flowId })),
    flows: directory.flows,
    timezone: organization.timezone,
    homeCountryCode: directory.context.homeCountryCode,
  };
}
