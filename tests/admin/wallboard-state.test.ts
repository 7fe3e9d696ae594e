// The wallboard's state (app/(admin)/live/wallboard-state.ts): a sync with the roster replaces
// everything, events change calls and agents, the current step follows `nodeId` when the runtime
// sends it (else the last node entered), groups count their waiting callers and longest wait, an
// unknown agent asks for a new sync; and every state and status has its text in both catalogues.
import { describe, expect, it } from 'vitest';
import en from '@/messages/en.json';
import fr from '@/messages/fr.json';
import {
  applyEvent, applySync, currentStep, emptyWallboard, groupBoards, isWaiting, needsRoster, sortedAgents, sortedCalls, totals, waitingSince,
  type WallboardAgent, type WallboardState,
} from '@/app/(admin)/live/wallboard-state';
import type { AgentStatusView, LiveCallView } from '@/app/(admin)/agent/console-types';

const T0 = Date.parse('2026-12-07T09:00:00.000Z');
const iso = (ms: number) => new Date(T0 + ms).toISOString();
const SUPPORT = { id: 'g-support', name: 'Support', color: '#d92d20' };
const SALES = { id: 'g-sales', name: 'Ventes', color: '#1f5fbf' };

function call(over: Partial<LiveCallView> & { nodeId?: string | null } = {}): LiveCallView {
  return {
    callId: 'c1', organizationId: 'o1', direction: 'inbound', entryNumber: '+33199000150', caller: '+33612345678', contactName: null,
    group: null, startedAt: iso(0), waitedMs: 0, answeredAt: null,
    path: [{ nodeId: 'menu', label: 'Accueil', at: iso(0) }], state: 'ivr', stateSince: iso(0),
    agents: [], canRetrieve: false, canComplete: false, canSwitch: false, canConference: false, recording: false,
    ...over,
  } as LiveCallView;
}

const status = (s: AgentStatusView['status'], since = iso(0), over: Partial<AgentStatusView> = {}): AgentStatusView => ({ status: s, pauseReason: null, since, wrapUpEndsAt: null, lock: null, ...over });
const agent = (agentId: string, name: string, s: AgentStatusView, groupIds = [SUPPORT.id]): WallboardAgent => ({ agentId, name, extension: null, groupIds, status: s });

function synced(calls: LiveCallView[], agents: WallboardAgent[] = [], groups = [SUPPORT, SALES]): WallboardState {
  return applySync({ calls, agents, groups, serverTime: iso(0) }, T0, T0);
}

describe('wallboard state', () => {
  it('a sync replaces everything and measures the server clock’s offset', () => {
    const before = applyEvent(synced([call({ callId: 'old' })]), { t: 'call.updated', d: call({ callId: 'other' }) });
    expect(Object.keys(before.calls).sort()).toEqual(['old', 'other']);
    // the server says T0 + 5 s while this browser said T0 (sent) and T0 + 200 ms (received)
    const after = applySync({ calls: [call({ callId: 'new' })], agents: [agent('a1', 'Hugo', status('available'))], groups: [SUPPORT], serverTime: iso(5_000) }, T0, T0 + 200);
    expect(Object.keys(after.calls)).toEqual(['new']);
    expect(Object.keys(after.agents)).toEqual(['a1']);
    expect(after.groups).toEqual([SUPPORT]);
    expect(after.clockOffsetMs).toBe(4_900);
    expect(after.synced).toBe(true);
    expect(emptyWallboard.synced).toBe(false);
  });

  it('events: a call updated replaces its view, an ended call goes, an agent’s status changes', () => {
    let s = synced([call()], [agent('a1', 'Hugo', status('paused'))]);
    s = applyEvent(s, { t: 'call.updated', d: call({ path: [...call().path, { nodeId: 'q', label: 'Support', at: iso(3_000) }], group: SUPPORT, state: 'queued' }) });
    expect(currentStep(s.calls.c1)?.label).toBe('Support');
    s = applyEvent(s, { t: 'agent.status', d: { agentId: 'a1', status: status('in_call', iso(9_000)) } });
    expect(s.agents.a1.status.status).toBe('in_call');
    s = applyEvent(s, { t: 'call.ended', d: { callId: 'c1', outcome: 'answered' } });
    expect(s.calls).toEqual({});
    // an event for a call already gone changes nothing
    expect(applyEvent(s, { t: 'call.ended', d: { callId: 'c1', outcome: null } })).toBe(s);
  });

  it('the current step: nodeId when the runtime sends it, else the last node entered; with the key pressed and since when', () => {
    const path = [{ nodeId: 'menu', label: 'Accueil', key: '2', at: iso(0) }, { nodeId: 'q', label: 'Support', at: iso(4_000) }];
    expect(currentStep(call({ path }))).toEqual({ label: 'Support', key: null, since: iso(4_000) });
    // C3: nodeId names the node the call is in (here the menu again, entered before)
    expect(currentStep(call({ path, nodeId: 'menu' }))).toEqual({ label: 'Accueil', key: '2', since: iso(0) });
    // a nodeId missing from the kept path: the last entry
    expect(currentStep(call({ path, nodeId: 'gone' }))?.label).toBe('Support');
    // no `at` on the entry: since the state changed
    expect(currentStep(call({ path: [{ nodeId: 'm', label: 'Menu' }], stateSince: iso(7_000) }))?.since).toBe(iso(7_000));
    // an outgoing call has no path
    expect(currentStep(call({ path: [], direction: 'outbound' }))).toBeNull();
  });

  it('groups: waiting callers (queued or ringing, not answered, incoming) and the longest wait since entering the queue step', () => {
    const queued = (callId: string, group: typeof SUPPORT, enteredAt: number, state: LiveCallView['state'] = 'queued') =>
      call({ callId, group, state, startedAt: iso(enteredAt - 10_000), path: [{ nodeId: 'menu', label: 'Accueil', at: iso(enteredAt - 10_000) }, { nodeId: 'q', label: group.name, at: iso(enteredAt) }] });
    const calls = [
      queued('w1', SUPPORT, 0),
      queued('w2', SUPPORT, 20_000, 'ringing'),
      call({ callId: 'talk', group: SUPPORT, state: 'talking', answeredAt: iso(5_000), agents: [{ agentId: 'a1', role: 'talking' }] }),
      call({ callId: 'out', direction: 'outbound', group: SUPPORT, state: 'ringing', path: [] }),
      call({ callId: 'ivr' }),
    ];
    expect(calls.filter(isWaiting).map((c) => c.callId)).toEqual(['w1', 'w2']);
    expect(waitingSince(calls[0])).toBe(T0);
    const s = synced(calls, [agent('a1', 'Hugo', status('in_call')), agent('a2', 'Inès', status('available')), agent('a3', 'Paul', status('offline')), agent('a4', 'Léa', status('available'), [SALES.id])]);
    const now = T0 + 65_000;
    const boards = groupBoards(s, now);
    // the group with callers waiting first
    expect(boards.map((b) => [b.group.name, b.waiting, b.longestWaitMs, b.available, b.present])).toEqual([
      ['Support', 2, 65_000, 1, 2],
      ['Ventes', 0, null, 1, 1],
    ]);
    expect(totals(s, now)).toMatchObject({ inProgress: 5, waiting: 2, longestWaitMs: 65_000, available: 2, present: 3 });
  });

  it('a group only a call names (created since the sync) still shows', () => {
    const other = { id: 'g-new', name: 'Nouveau', color: '#000000' };
    const s = synced([call({ group: other, state: 'queued' })], [], []);
    expect(groupBoards(s, T0).map((b) => [b.group.name, b.waiting])).toEqual([['Nouveau', 1]]);
  });

  it('an event naming an agent or a group the roster does not know asks for a new sync', () => {
    const s = synced([], [agent('a1', 'Hugo', status('available'))]);
    expect(needsRoster(s, { t: 'agent.status', d: { agentId: 'a1', status: status('paused') } })).toBe(false);
    expect(needsRoster(s, { t: 'agent.status', d: { agentId: 'new', status: status('available') } })).toBe(true);
    expect(needsRoster(s, { t: 'call.updated', d: call({ agents: [{ agentId: 'a1', role: 'ringing' }], group: SUPPORT }) })).toBe(false);
    expect(needsRoster(s, { t: 'call.updated', d: call({ agents: [{ agentId: 'new', role: 'ringing' }] }) })).toBe(true);
    expect(needsRoster(s, { t: 'call.updated', d: call({ group: { id: 'g-new', name: 'N', color: '#000000' } }) })).toBe(true);
    // before the first sync nothing is known: the sync on connect brings it
    expect(needsRoster(emptyWallboard, { t: 'agent.status', d: { agentId: 'x', status: status('available') } })).toBe(false);
    // an unknown agent's status is not invented
    expect(applyEvent(s, { t: 'agent.status', d: { agentId: 'new', status: status('available') } })).toBe(s);
  });

  it('calls oldest first; agents by name with the offline ones last', () => {
    const s = synced(
      [call({ callId: 'b', startedAt: iso(5_000) }), call({ callId: 'a', startedAt: iso(1_000) })],
      [agent('1', 'Zoé', status('available')), agent('2', 'Anne', status('offline')), agent('3', 'Hugo', status('paused'))],
    );
    expect(sortedCalls(s).map((c) => c.callId)).toEqual(['a', 'b']);
    expect(sortedAgents(s).map((a) => a.name)).toEqual(['Hugo', 'Zoé', 'Anne']);
  });

  it('every call state, agent status and agent role has its text in French and English', () => {
    const states = ['ivr', 'queued', 'ringing', 'talking', 'held', 'consulting', 'conference', 'transferring'];
    const statuses = ['available', 'ringing', 'in_call', 'wrap_up', 'paused', 'offline'];
    const roles = ['ringing', 'talking', 'held', 'consulting', 'target'];
    for (const catalogue of [en, fr]) {
      const w = catalogue.wallboard;
      for (const s of states) expect(w.calls.states[s as keyof typeof w.calls.states], s).toBeTruthy();
      for (const s of statuses) expect(w.agents.statuses[s as keyof typeof w.agents.statuses], s).toBeTruthy();
      for (const r of roles) expect(w.calls.agentRole[r as keyof typeof w.calls.agentRole], r).toContain('{name}');
    }
    expect(fr.wallboard.calls.states.queued).toBe('En file d’attente');
  });
});
