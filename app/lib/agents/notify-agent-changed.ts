// The event the flow runtime listens to (flow-runtime/agents/agent-change-listener.ts):
//   LISTEN relais_agent_changed;   payload: the agent's id
// Sent with pg_notify inside the transaction that changes the agent (status, name, deletion), so
// PostgreSQL delivers it only once committed; the runtime then re-reads that agent, and calls
// waiting in a queue see an agent back from pause at once.
import type { Tx } from '@/app/lib/db/transaction';

export const AGENT_CHANGED_CHANNEL = 'relais_agent_changed';

export async function notifyAgentChanged(tx: Tx, agentId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_notify(${AGENT_CHANGED_CHANNEL}, ${agentId})`;
}
