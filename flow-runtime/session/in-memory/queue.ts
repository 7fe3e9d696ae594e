// In-memory QueuePort over the pure QueueCoordinator: one board shared by every session of
// the process; notices are delivered to the sessions that joined.
import { createQueueBoard, joinQueue, leaveQueue, offerResult, setAgentState, type QueueBoard, type QueueNotice } from '../../interpreter';
import type { CallEvent } from '../../interpreter';
import type { Clock, QueuePort } from '../ports';

export class InMemoryQueue implements QueuePort {
  readonly board: QueueBoard = createQueueBoard();
  private readonly sessions = new Map<string, (event: CallEvent) => void>();

  constructor(private readonly clock: Clock) {}

  private deliver(notices: QueueNotice[]): void {
    for (const notice of notices) this.sessions.get(notice.callId)?.(notice.event);
  }

  join(callId: string, request: { queueId: string; maxQueueSize: number; agentIds: string[] }, deliver: (event: CallEvent) => void): void {
    this.sessions.set(callId, deliver);
    this.deliver(joinQueue(this.board, { ...request, callId, at: this.clock.now() }));
  }

  leave(callId: string): void {
    this.sessions.delete(callId);
    this.deliver(leaveQueue(this.board, { callId, at: this.clock.now() }));
  }

  offerResult(callId: string, request: { queueId: string; offerId: string; agentId: string; accepted: boolean; outcome: string }): void {
    this.deliver(offerResult(this.board, { ...request, callId, at: this.clock.now() }));
  }

  /** An agent becomes free (after a call, back from pause), busy or away. */
  setAgent(agentId: string, state: 'free' | 'busy' | 'away'): void {
    this.deliver(setAgentState(this.board, { agentId, state, at: this.clock.now() }));
  }
}
