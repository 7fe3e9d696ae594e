import type { CurrentUser } from '@/app/lib/auth/current-user';
import { recordAudit } from '@/app/lib/audit/record-audit';
import { inTransaction } from '@/app/lib/db/transaction';
import { checkAgentInput, type AgentInput } from './agent-input';
import { toAgentView, type AgentView } from './agent-view';
import { computeHa1, sipRealm } from './sip-digest';

/** Creates an agent; the SIP password only serves to compute the stored HA1 digest. */
export async function createAgent(user: Pick<CurrentUser, 'id' | 'organizationId'>, input: AgentInput): Promise<AgentView> {
  const realm = sipRealm();
  return inTransaction(async (tx) => {
    await checkAgentInput(tx, user.organizationId, input, realm);
    const agent = await tx.agent.create({
      data: {
        organizationId: user.organizationId,
        name: input.name.trim(),
        extension: input.extension ?? null,
        sipUsername: input.sipUsername,
        sipRealm: realm,
        sipHa1: computeHa1(input.sipUsername, realm, input.sipPassword),
        status: input.status ?? 'available',
        userId: input.userId ?? null,
      },
    });
    await recordAudit(tx, user, { action: 'create', entityType: 'agent', entityId: agent.id, details: { name: agent.name, sipUsername: agent.sipUsername } });
    return toAgentView(agent);
  });
}
