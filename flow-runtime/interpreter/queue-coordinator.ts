// Queue membership shared by every call waiting for a group (strategy "queue"): a plain data
// structure and functions, no I/O, no clock (instants are passed in). Sessions reach it
// through the QueuePort (session/ports.ts): queueJoin / queueLeave / queueOfferResult
// effects in, QueueNotice events out. A Redis or PostgreSQL version can replace it behind
// the same port.
//
// dispatch():
// 1. take free agents, longest idle first;
// 2. for each, the longest-waiting caller (earliest join) of a queue the agent serves who has
//    no offer pending;
// 3. offer that caller to the agent (agent "offered", notice agentAvailable to the caller).
// A declined offer (no answer, busy) puts the agent "away" until setAgentState(free); the
// caller keeps its place. A caller leaving releases the agent offered to it.
import type { CallEvent } from './types';

export interface WaitingCaller {
  callId: string;
  queueId: string;
  joinedAt: number;
  seq: number;
  agentIds: readonly string[];
  offer: { offerId: string; agentId: string } | null;
}

export type QueueAgentState = 'free' | 'offered' | 'busy' | 'away';

export interface QueueBoard {
  /** Waiting callers per queue, in arrival order. */
  queues: Map<string, WaitingCaller[]>;
  callers: Map<string, WaitingCaller>;
  agents: Map<string, { state: QueueAgentState; since: number }>;
  seq: number;
}

/** An event for one call's session. */
export interface QueueNotice {
  callId: string;
  event: CallEvent;
}

export function createQueueBoard(): QueueBoard {
  return { queues: new Map(), callers: new Map(), agents: new Map(), seq: 0 };
}

function positionsFrom(board: QueueBoard, queueId: string, from: number, at: number): QueueNotice[] {
  const queue = board.queues.get(queueId) ?? [];
  const notices: QueueNotice[] = [];
  for (let i = from; i < queue.length; i++) {
    notices.push({ callId: queue[i].callId, event: { type: 'queuePosition', at, queueId, position: i + 1 } });
  }
  return notices;
}

export function joinQueue(
  board: QueueBoard,
  request: { queueId: string; callId: string; at: number; maxQueueSize: number; agentIds: readonly string[] },
): QueueNotice[] {
  const { queueId, callId, at } = request;
  if (board.callers.has(callId)) return [];
  const queue = board.queues.get(queueId) ?? [];
  if (queue.length >= request.maxQueueSize) return [{ callId, event: { type: 'queueRejected', at, queueId, reason: 'full' } }];
  const caller: WaitingCaller = { callId, queueId, joinedAt: at, seq: board.seq++, agentIds: request.agentIds, offer: null };
  queue.push(caller);
  board.queues.set(queueId, queue);
  board.callers.set(callId, caller);
  return [{ callId, event: { type: 'queueJoined', at, queueId, position: queue.length } }, ...dispatch(board, at)];
}

export function leaveQueue(board: QueueBoard, request: { callId: string; at: number }): QueueNotice[] {
  const caller = board.callers.get(request.callId);
  if (!caller) return [];
  board.callers.delete(request.callId);
  const queue = board.queues.get(caller.queueId) ?? [];
  const index = queue.indexOf(caller);
  if (index >= 0) queue.splice(index, 1);
  if (queue.length === 0) board.queues.delete(caller.queueId);
  if (caller.offer) {
    const agent = board.agents.get(caller.offer.agentId);
    if (agent && agent.state === 'offered') board.agents.set(caller.offer.agentId, { state: 'free', since: agent.since });
  }
  return [...positionsFrom(board, caller.queueId, Math.max(0, index), request.at), ...dispatch(board, request.at)];
}

export function offerResult(
  board: QueueBoard,
  request: { callId: string; offerId: string; agentId: string; accepted: boolean; outcome: string; at: number },
): QueueNotice[] {
  const caller = board.callers.get(request.callId);
  if (request.accepted) {
    board.agents.set(request.agentId, { state: 'busy', since: request.at });
    return caller ? leaveQueue(board, request) : [];
  }
  if (caller?.offer?.offerId === request.offerId) caller.offer = null;
  // An agent who let it ring or was busy is set aside until they say they are free again.
  const state: QueueAgentState = request.outcome === 'cancelled' ? 'free' : 'away';
  const previous = board.agents.get(request.agentId);
  board.agents.set(request.agentId, { state, since: state === 'free' && previous ? previous.since : request.at });
  return dispatch(board, request.at);
}

/** An agent's availability changed (free after a call or back from pause, busy on a call, away). */
export function setAgentState(board: QueueBoard, request: { agentId: string; state: 'free' | 'busy' | 'away'; at: number }): QueueNotice[] {
  const previous = board.agents.get(request.agentId);
  if (previous?.state === 'offered' && request.state === 'free') return [];
  board.agents.set(request.agentId, { state: request.state, since: request.at });
  return request.state === 'free' ? dispatch(board, request.at) : [];
}

export function dispatch(board: QueueBoard, at: number): QueueNotice[] {
  if (board.callers.size === 0) return [];
  const free = [...board.agents.entries()].filter(([, a]) => a.state === 'free').sort((a, b) => a[1].since - b[1].since);
  const notices: QueueNotice[] = [];
  for (const [agentId, agent] of free) {
    let best: WaitingCaller | null = null;
    for (const queue of board.queues.values()) {
      for (const caller of queue) {
        if (caller.offer || !caller.agentIds.includes(agentId)) continue;
        if (!best || caller.joinedAt < best.joinedAt || (caller.joinedAt === best.joinedAt && caller.seq < best.seq)) best = caller;
        break; // queues are in arrival order: the first candidate of each queue is its oldest
      }
    }
    if (!best) continue;
    const offerId = `o${board.seq++}`;
    best.offer = { offerId, agentId };
    board.agents.set(agentId, { state: 'offered', since: agent.since });
    notices.push({ callId: best.callId, event: { type: 'agentAvailable', at, queueId: best.queueId, agentId, offerId } });
  }
  return notices;
}

/** 1-based position of a waiting call in its queue, or null. */
export function queuePosition(board: QueueBoard, callId: string): number | null {
  const caller = board.callers.get(callId);
  if (!caller) return null;
  return (board.queues.get(caller.queueId) ?? []).indexOf(caller) + 1;
}
