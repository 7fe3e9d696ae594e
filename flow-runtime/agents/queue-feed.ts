// Keeps the queue coordinator (one per process, flow-runtime/interpreter/queue-coordinator.ts)
// told of agents' states from the AgentDirectory: available → free (waiting callers get offered
// to them at once), busy → busy, paused / offline (unregistered, expired, removed) → away.
// The legs port also says "free" when an agent's leg ends; that goes through the directory
// first, so an agent who paused or unregistered during the call is not offered a caller.
import type { QueuePort } from '../session';
import type { AgentDirectory, PresenceState } from './agent-directory';

export type AgentQueueState = 'free' | 'busy' | 'away';
export type AgentQueue = QueuePort & { setAgent(agentId: string, state: AgentQueueState): void };

export function queueState(state: PresenceState): AgentQueueState {
  return state === 'available' ? 'free' : state === 'busy' ? 'busy' : 'away';
}

/** Subscribes `queue` to the directory's changes; returns the queue to give the calls. */
export function feedQueueFromDirectory(directory: AgentDirectory, queue: AgentQueue): AgentQueue {
  directory.on('change', ({ agentId, state }) => queue.setAgent(agentId, queueState(state)));
  return {
    join: (callId, request, deliver) => queue.join(callId, request, deliver),
    leave: (callId, queueId) => queue.leave(callId, queueId),
    offerResult: (callId, request) => {
      // the group (queue) that offered the call sets the agent's post-call pause (issue 14)
      if (request.accepted) directory.noteOfferedBy(callId, request.agentId, request.queueId);
      queue.offerResult(callId, request);
    },
    setAgent(agentId, state) {
      const known = directory.stateOf(agentId);
      queue.setAgent(agentId, state === 'free' && known ? queueState(known) : state);
    },
  };
}
