// The event the flow runtime listens to (issue 7, live pickup):
//   LISTEN relais_flow_published;
//   payload: {"organizationId":"…","flowId":"…","versionId":"…","number":3}
// Sent with pg_notify inside the publishing transaction, so PostgreSQL delivers it only if
// (and once) the new version is committed; a rolled-back publish notifies nobody.
import type { Tx } from '@/app/lib/db/transaction';

export const FLOW_PUBLISHED_CHANNEL = 'relais_flow_published';

export interface FlowPublishedEvent {
  organizationId: string;
  flowId: string;
  versionId: string;
  number: number;
}

export async function notifyFlowPublished(tx: Tx, event: FlowPublishedEvent): Promise<void> {
  const payload = JSON.stringify({ organizationId: event.organizationId, flowId: event.flowId, versionId: event.versionId, number: event.number });
  await tx.$executeRaw`SELECT pg_notify(${FLOW_PUBLISHED_CHANNEL}, ${payload})`;
}
