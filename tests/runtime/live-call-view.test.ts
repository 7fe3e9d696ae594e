// LiveCallTracker (flow-runtime/live/live-call-view.ts) fed the way run-call.ts feeds it — session
// snapshots and call-control records — against an in-memory database double that keeps the
// LiveCall rows and the NOTIFY payloads: queue → ringing → talking, warm consultation with switch
// and conference, recording, a cold transfer to a group not answered then returned, a transfer
// into a flow, coalescing, a database outage, the path's length cap. SIPp end to end:
// tests/calls/live-view.test.ts.
import { describe, expect, it } from 'vitest';
import { LiveCallTracker, type LiveCallView } from '@/flow-runtime/live';
import type { CallEvent, CallState, Effect, PathEntry } from '@/flow-runtime/interpreter';

interface Published { o: string; a: string[]; t: string; d: LiveCallView & { outcome?: string } }

function fakeDb(opts: { color?: string | null; down?: boolean } = {}) {
  const rows = new Map<string, { agentIds: string[]; view: LiveCallView }>();
  const published: Published[] = [];
  let upserts = 0;
  const fail = () => Promise.reject(new Error('connection refused'));
  const db = {
    liveCall: {
      upsert: (q: { where: { callId: string }; create: { agentIds: string[]; view: LiveCallView } }) => {
        if (opts.down) return fail();
        upserts++;
        rows.set(q.where.callId, { agentIds: q.create.agentIds, view: q.create.view });
        return Promise.resolve({});
      },
      deleteMany: (q: { where: { callId: string } }) => (opts.down ? fail() : Promise.resolve({ count: rows.delete(q.where.callId) ? 1 : 0 })),
      updateMany: () => (opts.down ? fail() : Promise.resolve({ count: 1 })),
    },
    $executeRawUnsafe: (sql: string, payload: string) => {
      if (opts.down) return fail();
      expect(sql).toContain("pg_notify('relais_live'");
      published.push(JSON.parse(payload));
      return Promise.resolve(1);
    },
    $queryRawUnsafe: () => Promise.resolve([{ name: 'Sales', color: opts.color ?? null }]),
  };
  return { db, rows, published, upserts: () => upserts };
}

const warnings: unknown[] = [];
const log = { info() {}, debug() {}, error() {}, warn: (o: unknown) => void warnings.push(o) };

function tracker(db: ReturnType<typeof fakeDb>['db']) {
  return new LiveCallTracker(db as never, {
    callId: 'call-1', organizationId: 'org-1', direction: 'inbound', entryNumber: '+33199000001', caller: '+33612345678', log,
    nodeConfig: (id) => (id === 'queue' ? { groupId: 'g1' } : undefined),
    contactName: async () => 'Jeanne Martin',
  });
}

const settle = async (t: LiveCallTracker) => {
  for (let i = 0; i < 3; i++) {
    await new Promise((r) => setImmediate(r));
    await t.settled();
  }
};

const state = (status: CallState['status'] = 'running', bridgedLeg: string | null = null) => ({ status, bridgedLeg }) as CallState;
const path = (entry: Omit<PathEntry, 'at'>): Effect => ({ type: 'persistEvent', entry: { at: Date.now(), ...entry } });
const snap = (event: Partial<CallEvent> & { type: string }, effects: Effect[], s = state()) => ({ event: { at: Date.now(), ...event } as CallEvent, state: s, effects });

describe('LiveCallTracker', () => {
  it('queue, ringing, talking; warm consultation with switch and conference; recording; end', async () => {
    const { db, rows, published } = fakeDb({ color: '#12ab34' });
    const t = tracker(db);
    t.onSession(snap({ type: 'callStarted' }, [path({ kind: 'node-entered', nodeId: 'menu', nodeType: 'menu', data: { label: 'Accueil' } })]));
    t.onSession(snap({ type: 'dtmf' }, [
      path({ kind: 'output-taken', nodeId: 'menu', nodeType: 'menu', output: '2' }),
      path({ kind: 'node-entered', nodeId: 'queue', nodeType: 'queue-group', data: { label: 'Support' } }),
      { type: 'queueJoin', queueId: 'g1', maxQueueSize: 10, agentIds: ['A', 'B'] },
    ]));
    await settle(t);
    let v = rows.get('call-1')!.view;
    expect(v).toMatchObject({ state: 'queued', group: { id: 'g1', name: 'Sales', color: '#12ab34' }, contactName: 'Jeanne Martin', answeredAt: null });
    expect(v.path.map(({ nodeId, label, key }) => ({ nodeId, label, key }))).toEqual([{ nodeId: 'menu', label: 'Accueil', key: '2' }, { nodeId: 'queue', label: 'Support', key: undefined }]);
    expect(published.at(-1)!.a).toEqual([]);

    t.onSession(snap({ type: 'agentAvailable' }, [{ type: 'ringLegs', legs: [{ legId: 'l1', target: { kind: 'agent', agentId: 'A' }, ringSeconds: 20 }], strategy: 'queue', callerId: null }]));
    await settle(t);
    expect(rows.get('call-1')).toMatchObject({ agentIds: ['A'], view: { state: 'ringing', agents: [{ agentId: 'A', role: 'ringing' }] } });
    t.onSession(snap({ type: 'legAnswered', legId: 'l1' }, [{ type: 'queueLeave', queueId: 'g1', reason: 'answered' }, { type: 'bridge', legId: 'l1' }], state('bridged', 'l1')));
    await settle(t);
    v = rows.get('call-1')!.view;
    expect(v).toMatchObject({ state: 'talking', agents: [{ agentId: 'A', role: 'talking' }] });
    expect(v.answeredAt).not.toBeNull();

    t.onRecord('recording', { action: 'started', by: 'command', agentId: 'A' });
    t.onRecord('transfer', { mode: 'warm', result: 'started', toAgentId: 'B', fromAgentId: 'A' });
    await settle(t);
    v = rows.get('call-1')!.view;
    expect(v).toMatchObject({ state: 'consulting', recording: true, canRetrieve: true, canSwitch: false, canComplete: false, canConference: false });
    expect(v.agents).toEqual([{ agentId: 'A', role: 'consulting' }, { agentId: 'B', role: 'target' }]);
    expect(published.at(-1)!.a.sort()).toEqual(['A', 'B']);

    t.onRecord('transfer', { mode: 'warm', result: 'answered', toAgentId: 'B' });
    await settle(t);
    expect(rows.get('call-1')!.view).toMatchObject({ state: 'consulting', canRetrieve: true, canSwitch: true, canComplete: true, canConference: true });
    t.onRecord('switch', { to: 'caller' });
    await settle(t);
    expect(rows.get('call-1')!.view.agents).toEqual([{ agentId: 'A', role: 'talking' }, { agentId: 'B', role: 'held' }]);
    t.onRecord('switch', { to: 'target' });
    t.onRecord('conference', { result: 'joined', targetAgentId: 'B' });
    await settle(t);
    expect(rows.get('call-1')!.view).toMatchObject({ state: 'conference', canComplete: true, canSwitch: false, canRetrieve: false, agents: [{ agentId: 'A', role: 'talking' }, { agentId: 'B', role: 'talking' }] });
    // the agent leaves the conference: the caller stays with B
    t.onRecord('conference', { result: 'left', party: 'agent', remaining: ['caller', 'target'] });
    t.onRecord('recording', { action: 'stopped', reason: 'agent_left' });
    await settle(t);
    expect(rows.get('call-1')).toMatchObject({ agentIds: ['B'], view: { state: 'talking', recording: false, agents: [{ agentId: 'B', role: 'talking' }] } });
    // A is told the call left them
    expect(published.at(-1)!.a.sort()).toEqual(['A', 'B']);

    t.onRecord('hold', { by: 'agent-phone', agentId: 'B' });
    await settle(t);
    expect(rows.get('call-1')!.view).toMatchObject({ state: 'held', agents: [{ agentId: 'B', role: 'held' }] });

    await t.end('answered');
    expect(rows.has('call-1')).toBe(false);
    expect(published.at(-1)).toMatchObject({ t: 'call.ended', o: 'org-1', d: { callId: 'call-1', outcome: 'answered' } });
    expect(published.at(-1)!.a.sort()).toEqual(['A', 'B']);
    // nothing after the end
    t.onRecord('resume', {});
    await settle(t);
    expect(published.at(-1)!.t).toBe('call.ended');
  });

  it('cold transfer to a group: targets, not answered, back to the agent; then into a flow: ivr, nobody', async () => {
    const { db, rows } = fakeDb();
    const t = tracker(db);
    t.onSession(snap({ type: 'callStarted' }, [path({ kind: 'node-entered', nodeId: 'queue', nodeType: 'queue-group' }), { type: 'ringLegs', legs: [{ legId: 'l1', target: { kind: 'agent', agentId: 'A' }, ringSeconds: 20 }], strategy: 'simultaneous', callerId: null }]));
    t.onSession(snap({ type: 'legAnswered', legId: 'l1' }, [{ type: 'bridge', legId: 'l1' }], state('bridged', 'l1')));
    await settle(t);
    expect(rows.get('call-1')!.view.group).toEqual({ id: 'g1', name: 'Sales', color: '#4f7cff' });
    expect(rows.get('call-1')!.view.path[0].label).toBe('queue-group');
    t.onRecord('transfer', { by: 'command', mode: 'cold', result: 'started', targetKind: 'group', groupId: 'g2', groupName: 'Other', members: ['B', 'C'] });
    await settle(t);
    expect(rows.get('call-1')!.view).toMatchObject({ state: 'transferring', agents: [{ agentId: 'A', role: 'talking' }, { agentId: 'B', role: 'target' }, { agentId: 'C', role: 'target' }] });
    t.onRecord('transfer', { mode: 'cold', result: 'no_answer', status: 480 });
    t.onRecord('transfer', { result: 'returned', toAgentId: 'A', rung: false });
    await settle(t);
    expect(rows.get('call-1')!.view).toMatchObject({ state: 'talking', agents: [{ agentId: 'A', role: 'talking' }] });
    t.onRecord('transfer', { mode: 'cold', result: 'entered', targetKind: 'flow', flowId: 'f2' });
    t.onSession(snap({ type: 'bridgeTransferred' }, [path({ kind: 'node-entered', nodeId: 'msg', nodeType: 'message' })]));
    await settle(t);
    expect(rows.get('call-1')!.view).toMatchObject({ state: 'ivr', agents: [] });
    await t.end(null);
  });

  it('coalesces the changes of one tick into one write', async () => {
    const { db, upserts, published } = fakeDb();
    const t = tracker(db);
    await settle(t);
    const before = upserts();
    const sent = published.length;
    for (let i = 0; i < 20; i++) t.onSession(snap({ type: 'dtmf' }, [path({ kind: 'node-entered', nodeId: `n${i}`, nodeType: 'message' })]));
    await settle(t);
    expect(upserts() - before).toBe(1);
    expect(published.length - sent).toBe(1);
    await t.end(null);
  });

  it('keeps the last 30 path entries and stays under the NOTIFY limit', async () => {
    const { db, published } = fakeDb();
    const t = tracker(db);
    for (let i = 0; i < 200; i++) t.onSession(snap({ type: 'dtmf' }, [path({ kind: 'node-entered', nodeId: `node-${i}`, nodeType: 'message', data: { label: 'x'.repeat(500) } })]));
    await settle(t);
    const last = published.at(-1)!;
    expect(last.d.path).toHaveLength(30);
    expect(last.d.path[29].nodeId).toBe('node-199');
    expect(last.d.path[0].label).toHaveLength(80);
    expect(Buffer.byteLength(JSON.stringify(last))).toBeLessThan(7000);
    await t.end(null);
  });

  it('a database outage never throws into the call: writes are dropped and logged', async () => {
    const { db } = fakeDb({ down: true });
    warnings.length = 0;
    const t = tracker(db);
    t.onSession(snap({ type: 'callStarted' }, [path({ kind: 'node-entered', nodeId: 'queue', nodeType: 'queue-group' })]));
    await settle(t);
    await expect(t.end('abandoned')).resolves.toBeUndefined();
    expect(warnings.length).toBeGreaterThanOrEqual(2);
  });

  it("an agent's outgoing call (no session): agent ringing, customer ringing, talking, held, cold transfer to B, end", async () => {
    const { db, rows, published } = fakeDb({ color: '#12ab34' });
    const t = new LiveCallTracker(db as never, {
      callId: 'out-1', organizationId: 'org-1', direction: 'outbound', entryNumber: '+33199000071', caller: '+33123456789', groupId: 'g1', log,
      contactName: async () => 'Dupont Transports',
    });
    t.onOutgoing('agent-ringing', 'A');
    await settle(t);
    expect(rows.get('out-1')).toMatchObject({
      agentIds: ['A'],
      view: { direction: 'outbound', state: 'ringing', agents: [{ agentId: 'A', role: 'ringing' }], group: { id: 'g1', color: '#12ab34' }, contactName: 'Dupont Transports', answeredAt: null },
    });
    t.onOutgoing('customer-ringing', 'A');
    await settle(t);
    expect(rows.get('out-1')!.view).toMatchObject({ state: 'ringing', agents: [{ agentId: 'A', role: 'talking' }], answeredAt: null });
    t.onOutgoing('answered', 'A');
    await settle(t);
    expect(rows.get('out-1')!.view).toMatchObject({ state: 'talking', agents: [{ agentId: 'A', role: 'talking' }] });
    expect(rows.get('out-1')!.view.answeredAt).not.toBeNull();
    t.onRecord('hold', {});
    await settle(t);
    expect(rows.get('out-1')!.view).toMatchObject({ state: 'held', agents: [{ agentId: 'A', role: 'held' }] });
    t.onRecord('resume', {});
    t.onRecord('transfer', { by: 'command', mode: 'cold', result: 'started', targetKind: 'agent', toAgentId: 'B' });
    await settle(t);
    expect(rows.get('out-1')!.view).toMatchObject({ state: 'transferring', agents: [{ agentId: 'A', role: 'talking' }, { agentId: 'B', role: 'target' }] });
    t.onRecord('transfer', { mode: 'cold', result: 'answered', toAgentId: 'B' });
    await settle(t);
    expect(rows.get('out-1')).toMatchObject({ agentIds: ['B'], view: { state: 'talking', agents: [{ agentId: 'B', role: 'talking' }] } });
    expect(published.at(-1)!.a).toEqual(expect.arrayContaining(['A', 'B']));
    await t.end('answered');
    expect(rows.has('out-1')).toBe(false);
    expect(published.at(-1)).toMatchObject({ t: 'call.ended', a: expect.arrayContaining(['A', 'B']), d: { callId: 'out-1', outcome: 'answered' } });
  });
});
