// Several sessions share one QueueCoordinator: FIFO, longest-waiting caller to the next free agent.
import { describe, expect, it } from 'vitest';
import { createQueueBoard, joinQueue, leaveQueue, offerResult, setAgentState } from '@/flow-runtime/interpreter';
import { createInMemoryPorts } from '@/flow-runtime/session/in-memory';
import { fixtureFlow, startSession } from './support/session';

describe('QueueCoordinator', () => {
  it('first come, first served; positions follow; full queue rejected', () => {
    const board = createQueueBoard();
    const join = (callId: string, at: number) => joinQueue(board, { queueId: 'q', callId, at, maxQueueSize: 2, agentIds: ['a1', 'a2'] });
    expect(join('c1', 1)).toEqual([{ callId: 'c1', event: { type: 'queueJoined', at: 1, queueId: 'q', position: 1 } }]);
    expect(join('c2', 2)[0].event).toMatchObject({ position: 2 });
    expect(join('c3', 3)[0].event).toMatchObject({ type: 'queueRejected', reason: 'full' });
    setAgentState(board, { agentId: 'a2', state: 'busy', at: 0 });
    const offers = setAgentState(board, { agentId: 'a1', state: 'free', at: 4 });
    expect(offers).toEqual([{ callId: 'c1', event: { type: 'agentAvailable', at: 4, queueId: 'q', agentId: 'a1', offerId: expect.any(String) } }]);
    // a1 lets it ring: set aside; c1 keeps its place and gets a2 when a2 is free
    const offerId = (offers[0].event as { offerId: string }).offerId;
    expect(offerResult(board, { callId: 'c1', offerId, agentId: 'a1', accepted: false, outcome: 'no_answer', at: 5 })).toEqual([]);
    expect(setAgentState(board, { agentId: 'a2', state: 'free', at: 6 })[0]).toMatchObject({ callId: 'c1' });
    // c1 hangs up: c2 moves to position 1
    expect(leaveQueue(board, { callId: 'c1', at: 7 })).toContainEqual({ callId: 'c2', event: { type: 'queuePosition', at: 7, queueId: 'q', position: 1 } });
  });

  it('two calls in the callback fixture queue: the longest-waiting one gets the first free agent', async () => {
    const ports = createInMemoryPorts({ legs: () => ({ afterMs: 3000, result: 'answer' }) });
    const flow = fixtureFlow('callback');
    const first = startSession(flow, { ports, callId: 'first' }).session;
    await ports.clock.advance(1000);
    const second = startSession(flow, { ports, callId: 'second' }).session;
    await ports.clock.advance(5000);
    expect(first.state.queueId).toBe('grp_support');
    expect(second.state.queueId).toBe('grp_support');
    ports.queue.setAgent('agt_sophie', 'free');
    await ports.clock.advance(3000);
    expect(first.state.status).toBe('bridged');
    expect(second.state.status).toBe('running');
    ports.queue.setAgent('agt_hugo', 'free');
    await ports.clock.advance(3000);
    expect(second.state.status).toBe('bridged');
    expect(ports.queue.board.callers.size).toBe(0);
  });
});
