import type { CurrentUser } from '@/app/lib/auth/current-user';
import { recordAudit } from '@/app/lib/audit/record-audit';
import { inTransaction } from '@/app/lib/db/transaction';
import { findAgent } from './agent-view';
import { notifyAgentChanged } from './notify-agent-changed';
import { refuseIfUsed } from '@/app/lib/usage/refuse-if-used';

/**
 * Deletes an agent: refused (409 IN_USE) while a draft or live flow targets it directly
 * (redirect, voicemail). It leaves every group it belonged to; its voicemails stay, under the
 * organisation, with its name.
 */
export async function deleteAgent(user: Pick<CurrentUser, 'id' | 'organizationId'>, id: string): Promise<void> {
  await inTransaction(async (tx) => {
    const agent = await findAgent(tx, user.organizationId, id);
    await refuseIfUsed(tx, user.organizationId, 'agents', id, agent.name);
    await tx.voicemail.updateMany({ where: { agentId: id, mailboxName: null }, data: { mailboxName: agent.name } });
    await tx.agent.delete({ where: { id } });
    await notifyAgentChanged(tx, id); // the flow runtime forgets the agent once committed
    await recordAudit(tx, user, { action: 'delete', entityType: 'agent', entityId: id, details: { name: agent.name, sipUsername: agent.sipUsername } });
  });
}
