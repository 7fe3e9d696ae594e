import type { CurrentUser } from '@/app/lib/auth/current-user';
import { ApiError } from '@/app/lib/api/errors';
import { recordAudit } from '@/app/lib/audit/record-audit';
import { inTransaction } from '@/app/lib/db/transaction';
import { checkAgentInput, type AgentInput } from './agent-input';
import { findAgent, toAgentView, type AgentView } from './agent-view';
import { computeHa1 } from './sip-digest';
import { notifyAgentChanged } from './notify-agent-changed';
import { readStatus, recordAndPublish, STATUS_SELECT, type StatusRow } from '@/flow-runtime/agents/agent-status';

/**
 * Changes an agent. A new SIP password replaces the HA1; renaming the SIP account needs the
 * password again, since HA1 = MD5(username:realm:password) depends on the username.
 */
export async function updateAgent(user: Pick<CurrentUser, 'id' | 'organizationId'>, id: string, input: Partial<AgentInput>): Promise<AgentView> {
  return inTransaction(async (tx) => {
    const agent = await findAgent(tx, user.organizationId, id);
    const usernameChanges = input.sipUsername !== undefined && input.sipUsername !== agent.sipUsername;
    if (usernameChanges && input.sipPassword === undefined) {
      throw new ApiError('VALIDATION_FAILED', 'Changing the SIP username needs the SIP password too (the stored digest depends on both)', {
        path: '/sipPassword',
      });
    }
    await checkAgentInput(tx, user.organizationId, { ...input, sipUsername: usernameChanges ? input.sipUsername : undefined }, agent.sipRealm, id);
    const sipUsername = input.sipUsername ?? agent.sipUsername;
    const statusBefore = input.status !== undefined && input.status !== agent.status ? await readStatus(tx, id) : null;
    const updated = await tx.agent.update({
      where: { id },
      data: {
        ...(input.name !== undefined ? { name: input.name.trim() } : {}),
        ...(input.extension !== undefined ? { extension: input.extension } : {}),
        ...(input.status !== undefined ? { status: input.status, ...(statusBefore ? { statusSince: new Date(), pauseReasonId: null } : {}) } : {}),
        ...(input.userId !== undefined ? { userId: input.userId } : {}),
        ...(input.sipPassword !== undefined ? { sipUsername, sipHa1: computeHa1(sipUsername, agent.sipRealm, input.sipPassword) } : {}),
      },
    });
    const fields = Object.keys(input).map((k) => (k === 'sipPassword' ? 'sipPassword (changed)' : k));
    await recordAudit(tx, user, { action: 'update', entityType: 'agent', entityId: id, details: { fields } });
    // an admin's change of status is logged and published like the agent's own (issue 14)
    if (statusBefore) {
      const row = (await tx.agent.findUnique({ where: { id }, select: STATUS_SELECT })) as StatusRow;
      await recordAndPublish(tx, statusBefore.view, row, { source: 'admin', byUserId: user.id }, false);
    }
    await notifyAgentChanged(tx, id); // the flow runtime re-reads the agent (status) once committed
    return toAgentView(updated);
  });
}
