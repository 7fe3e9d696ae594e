import type { CurrentUser } from '@/app/lib/auth/current-user';
import { recordAudit } from '@/app/lib/audit/record-audit';
import { inTransaction } from '@/app/lib/db/transaction';
import { findAgent } from './agent-view';
import { notifyAgentChanged } from './notify-agent-changed';

/** Deletes an agent; it leaves every group it belonged to. */
export async function deleteAgent(user: Pick<CurrentUser, 'id' | 'organizationId'>, id: string): Promise<void> {
  await inTransaction(async (tx) => {
    const agent = await findAgent(tx, user.organizationId, id);
    await tx.agent.delete({ where: { id } });
    await notifyAgentChanged(tx, id); // the flow runtime forgets the agent once committed
    await recordAudit(tx, user, { action: 'delete', entityType: 'agent', entityId: id, details: { name: agent.name, sipUsername: agent.sipUsername } });
  });
}
