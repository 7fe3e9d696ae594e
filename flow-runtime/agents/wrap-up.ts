// Issue 14: the runtime's side of agents' statuses.
//   - Post-call pause (wrap-up): when an agent's last call leg ends, the directory keeps them
//     busy (so the queue coordinator offers them nothing) for the agent's own choice for that
//     call (PPA, Agent.wrapUpChoiceSeconds, PUT /api/agent/me/wrap-up), else the wrapUpSeconds
//     of the group whose queue offered the call, else 0; then they are available again.
//   - Every change of the runtime's activity with an agent (ringing, in_call, wrap_up, none) is
//     written to the agent (activity, activitySince, wrapUpEndsAt: what GET /api/agent/me reads),
//     logged as an AgentStatusChange when the effective status moved, and published as the
//     live event `agent.status` (pg_notify relais_live, contract C2).
import type { PrismaClient } from '../../prisma/client';
import type { Logger } from '../calls/sip-types';
import type { AgentActivityChange, AgentDirectory } from './agent-directory';
import { readStatus, recordAndPublish, STATUS_SELECT, type StatusRow } from './agent-status';

/** The post-call pause after `callId`: the agent's choice, else the offering group's default, else 0. */
export function wrapUpPolicy(prisma: PrismaClient) {
  return async (_agentId: string, _callId: string, choiceSeconds: number | null, groupId: string | null): Promise<number> => {
    if (choiceSeconds !== null) return choiceSeconds;
    if (!groupId) return 0;
    const group = await prisma.queueGroup.findUnique({ where: { id: groupId }, select: { wrapUpSeconds: true } });
    return group?.wrapUpSeconds ?? 0;
  };
}

/** Installs wrap-ups on the directory and publishes its activity changes; returns a function that waits for pending writes. */
export function installAgentActivity(directory: AgentDirectory, prisma: PrismaClient, log?: Logger): { flush(): Promise<void> } {
  directory.setWrapUpPolicy(wrapUpPolicy(prisma));
  // one write at a time per agent, in the order the changes happened
  const chains = new Map<string, Promise<void>>();
  const write = async (change: AgentActivityChange) => {
    const ended = change.activity === null && (change.previous === 'in_call' || change.previous === 'wrap_up');
    await prisma.$transaction(async (tx) => {
      // judged as the runtime saw it: its wrap-up was on until now, even if its end just passed
      const before = await readStatus(tx as unknown as PrismaClient, change.agentId, 0);
      if (!before) return;
      const row = (await tx.agent.update({
        where: { id: change.agentId },
        data: {
          activity: change.activity,
          activitySince: new Date(),
          wrapUpEndsAt: change.wrapUpEndsAt !== null ? new Date(change.wrapUpEndsAt) : null,
          // the agent's choice was for the call that just ended
          ...(ended ? { wrapUpChoiceSeconds: null } : {}),
        },
        select: STATUS_SELECT,
      })) as StatusRow;
      await recordAndPublish(tx as unknown as PrismaClient, before.view, row, { source: 'runtime' }, false);
    });
  };
  directory.on('activity', (change) => {
    const previous = chains.get(change.agentId) ?? Promise.resolve();
    const next = previous
      .then(() => write(change))
      .catch((err) => log?.error({ agentId: change.agentId, activity: change.activity, err: String(err) }, 'agent activity not recorded'));
    chains.set(change.agentId, next);
    void next.finally(() => {
      if (chains.get(change.agentId) === next) chains.delete(change.agentId);
    });
  });
  return {
    async flush() {
      await Promise.all([...chains.values()]);
    },
  };
}
