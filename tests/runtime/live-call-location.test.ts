// Issue 15 C3: the LiveCallView says which flow a call runs and which node it is in now
// (`flowId`, `nodeId`): the canvas counts the calls per node from them. The tracker is fed the way
// run-call.ts feeds it (session snapshots), against an in-memory database double that keeps the
// LiveCall rows and the NOTIFY payloads.
import { describe, expect, it } from 'vitest';
import { LiveCallTracker, type LiveCallView } from '@/flow-runtime/live';
import type { CallEvent, CallState, Effect, PathEntry } from '@/flow-runtime/interpreter';

function fakeDb() {
  const rows = new Map<string, LiveCallView>();
  const published: { t: string; d: LiveCallView }[] = [];
  const db = {
    liveCall: {
      upsert: (q: { where: { callId: string }; create: { view: LiveCallView } }) => {
        rows.set(q.where.callId, q.create.view);
        return Promise.resolve({});
      },
      deleteMany: (q: { where: { callId: string } }) => Promise.resolve({ count: rows.delete(q.where.callId) ? 1 : 0 }),
      updateMany: () => Promise.resolve({ count: 1 }),
    },
    $executeRawUnsafe: (_sql: string, payload: string) => {
      published.push(JSON.parse(payload));
      return Promise.resolve(1);
    },
    $queryRawUnsafe: () => Promise.resolve([{ name: 'Support', color: null }]),
  };
  return { db, rows, published };
}

const log = { info() {}, debug() {}, error() {}, warn() {} };
const settle = async (t: LiveCallTracker) => {
  for (let i = 0; i < 3; i++) {
    await new Promise((r) => setImmediate(r));
    await t.settled();
  }
};

/** A session state: the flow, the step the call is in (null between steps and while bridged). */
const state = (flowId: string, nodeId: string | null, status: CallState['status'] = 'running', bridgedLeg: string | null = null) =>
  ({ status, flowId, bridgedLeg, step: nodeId ? { nodeId, type: 'menu', visit: 1, data: {} } : null }) as unknown as CallState;
const entered = (nodeId: string, nodeType: string, label: string): Effect => ({ type: 'persistEvent', entry: { at: Date.now(), kind: 'node-entered', nodeId, nodeType, data: { label } } as PathEntry });
const taken = (nodeId: string, nodeType: string, output: string): Effect => ({ type: 'persistEvent', entry: { at: Date.now(), kind: 'output-taken', nodeId, nodeType, output } as PathEntry });
const snap = (type: string, s: CallState, effects: Effect[] = []) => ({ event: { type, at: Date.now() } as CallEvent, state: s, effects });

describe('LiveCallView flowId / nodeId (C3)', () => {
  it('follows the call from node to node, keeps the queue node while bridged, and moves with a transfer into another flow', async () => {
    const { db, rows, published } = fakeDb();
    const t = new LiveCallTracker(db as never, {
      callId: 'c1', organizationId: 'o1', direction: 'inbound', entryNumber: '+33199000001', caller: '+33612345678', log, flowId: 'flow-a',
      nodeConfig: (id) => (id === 'support' ? { groupId: 'g1' } : undefined),
    });
    // Before the first node: the flow is known, no node yet.
    await settle(t);
    expect(rows.get('c1')).toMatchObject({ flowId: 'flow-a', nodeId: null });

    t.onSession(snap('callStarted', state('flow-a', 'menu'), [entered('menu', 'menu', 'Accueil')]));
    await settle(t);
    expect(rows.get('c1')).toMatchObject({ flowId: 'flow-a', nodeId: 'menu', state: 'ivr' });
    expect(published.at(-1)).toMatchObject({ t: 'call.updated', d: { flowId: 'flow-a', nodeId: 'menu' } });

    // Key 2 → the queue group: the node changes with the step.
    t.onSession(snap('dtmf', state('flow-a', 'support'), [taken('menu', 'menu', '2'), entered('support', 'queue-group', 'Support'), { type: 'queueJoin', queueId: 'q', maxQueueSize: 10, agentIds: ['a1'] }]));
    await settle(t);
    expect(rows.get('c1')).toMatchObject({ flowId: 'flow-a', nodeId: 'support', state: 'queued' });

    // An agent answers: the interpreter leaves the step (step null), the call stays drawn in the queue node.
    t.onSession(snap('agentAvailable', state('flow-a', 'support'), [{ type: 'ringLegs', legs: [{ legId: 'l1', target: { kind: 'agent', agentId: 'a1' }, ringSeconds: 20 }], strategy: 'queue', callerId: null }]));
    t.onSession(snap('legAnswered', state('flow-a', null, 'bridged', 'l1'), [{ type: 'bridge', legId: 'l1' }, taken('support', 'queue-group', 'answered')]));
    await settle(t);
    expect(rows.get('c1')).toMatchObject({ nodeId: 'support', state: 'talking' });

    // A cold transfer into another flow: its entry node, in that flow.
    t.onRecord('transfer', { mode: 'cold', result: 'entered', flowId: 'flow-b' });
    t.onSession(snap('bridgeTransferred', state('flow-b', 'welcome'), [entered('welcome', 'message', 'Bienvenue')]));
    await settle(t);
    expect(rows.get('c1')).toMatchObject({ flowId: 'flow-b', nodeId: 'welcome', state: 'ivr' });

    await t.end('answered');
    expect(rows.has('c1')).toBe(false);
    expect(published.at(-1)).toMatchObject({ t: 'call.ended', d: { callId: 'c1' } });
  });

  it('a call without a flow (an agent placing a call) has neither', async () => {
    const { db, rows } = fakeDb();
    const t = new LiveCallTracker(db as never, { callId: 'c2', organizationId: 'o1', direction: 'outbound', entryNumber: '+33199000001', caller: '+33612345678', log });
    t.onOutgoing('agent-ringing', 'a1');
    await settle(t);
    expect(rows.get('c2')).toMatchObject({ flowId: null, nodeId: null, state: 'ringing' });
    await t.end(null);
  });
});
