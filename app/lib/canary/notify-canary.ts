// Tells the runtime a canary changed, on the publish channel (relais_flow_published): the
// runtime's listener warms the version named (flow-runtime/calls/flow-publish-listener.ts), so the
// next call drawn into the canary finds it loaded. Calls read the canary row themselves
// (flow-runtime/calls/flow-store.ts forCall), so a missed notification only costs that load.
// Sent inside the transaction: delivered only once it commits.
import type { Tx } from '@/app/lib/db/transaction';
import { FLOW_PUBLISHED_CHANNEL } from '@/app/lib/versions/notify-flow-published';

export async function notifyCanary(
  tx: Tx,
  event: { organizationId: string; flowId: string; versionId: string; number: number; canary: 'started' | 'changed' | 'stopped' },
): Promise<void> {
  await tx.$executeRaw`SELECT pg_notify(${FLOW_PUBLISHED_CHANNEL}, ${JSON.stringify(event)})`;
}
