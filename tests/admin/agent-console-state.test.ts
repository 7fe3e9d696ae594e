// The agent console's live state and buttons (app/(admin)/agent/console-state.ts): a sync
// snapshot replaces the state (a supervisor's holds the whole organisation: only this agent's
// calls stay), events change it, and the actions follow the call's real state and the agent's
// role on it. Also: every status, call state, action and outcome the console can show has its
// text in both catalogues.
import { describe, expect, it } from 'vitest';
import en from '@/messages/en.json';
import fr from '@/messages/fr.json';
import { applyEvent, applySync, availableActions, emptyConsoleState, formatDuration, formatPath, groupColor } from '@/app/(admin)/agent/console-state';
import type { AgentStatusView, LiveCallView } from '@/app/(admin)/agent/console-types';
import { SHORTCUTS } from '@/app/(admin)/agent/shortcuts';

const ME = 'agent-me';
const OTHER = 'agent-other';

function call(over: Partial<LiveCallView> = {}): LiveCallView {
  return {
    callId: 'c1', organizationId: 'o1', direction: 'inbound', entryNumber: '+33100000000', caller: '+33612345678', contactName: null,
    group: { id: 'g1', name: 'Support', color: '#1f5fbf' }, startedAt: '2026-12-07T08:00:00.000Z', waitedMs: 12_000, answeredAt: '2026-12-07T08:00:12.000Z',
    path: [{ nodeId: 'menu', label: 'menu', key: '2' }, { nodeId: 'q', label: 'Support' }], state: 'talking', stateSince: '2026-12-07T08:00:12.000Z',
    agents: [{ agentId: ME, role: 'talking' }], canRetrieve: false, canComplete: false, canSwitch: false, canConference: false, recording: false,
    flowId: 'f1', nodeId: 'q',
    ...over,
  };
}

const status = (s: AgentStatusView['status'], over: Partial<AgentStatusView> = {}): AgentStatusView => ({ status: s, pauseReason: null, since: '2026-12-07T08:00:00.000Z', wrapUpEndsAt: null, lock: null, ...over });

describe('console state', () => {
  it('a sync snapshot replaces the state and keeps only this agent’s calls', () => {
    const before = { status: status('paused'), calls: [call({ callId: 'gone' })] };
    const after = applySync(before, { status: status('available'), calls: [call({ callId: 'b', startedAt: '2026-12-07T08:05:00.000Z' }), call({ callId: 'x', agents: [{ agentId: OTHER, role: 'talking' }] }), call({ callId: 'a' })] }, ME);
    expect(after.status?.status).toBe('available');
    expect(after.calls.map((c) => c.callId)).toEqual(['a', 'b']);
  });

  it('applies agent.status for this agent only, call.updated (upsert / leave) and call.ended', () => {
    let s = applyEvent(emptyConsoleState, { t: 'agent.status', d: { agentId: OTHER, status: status('paused') } }, ME);
    expect(s.status).toBeNull();
    s = applyEvent(s, { t: 'agent.status', d: { agentId: ME, status: status('in_call') } }, ME);
    expect(s.status?.status).toBe('in_call');
    s = applyEvent(s, { t: 'call.updated', d: call() }, ME);
    s = applyEvent(s, { t: 'call.updated', d: call({ state: 'held', agents: [{ agentId: ME, role: 'held' }] }) }, ME);
    expect(s.calls).toHaveLength(1);
    expect(s.calls[0].state).toBe('held');
    // Someone else's call never shows; a call this agent left goes away.
    s = applyEvent(s, { t: 'call.updated', d: call({ callId: 'c2', agents: [{ agentId: OTHER, role: 'talking' }] }) }, ME);
    expect(s.calls.map((c) => c.callId)).toEqual(['c1']);
    const left = applyEvent(s, { t: 'call.updated', d: call({ agents: [{ agentId: OTHER, role: 'talking' }] }) }, ME);
    expect(left.calls).toEqual([]);
    expect(applyEvent(s, { t: 'call.ended', d: { callId: 'c1', outcome: 'answered' } }, ME).calls).toEqual([]);
  });

  it('offers the actions the call’s state allows', () => {
    expect(availableActions(call(), ME)).toEqual(['hold', 'recordStart', 'transfer', 'hangup']);
    expect(availableActions(call({ state: 'held', recording: true }), ME)).toEqual(['resume', 'recordStop', 'transfer', 'hangup']);
    expect(availableActions(call({ state: 'consulting', agents: [{ agentId: ME, role: 'consulting' }, { agentId: OTHER, role: 'target' }], canComplete: true, canSwitch: true, canConference: true, canRetrieve: true }), ME))
      .toEqual(['recordStart', 'complete', 'switch', 'conference', 'retrieve', 'hangup']);
    expect(availableActions(call({ state: 'transferring', canRetrieve: true }), ME)).toEqual(['retrieve', 'hangup']);
    expect(availableActions(call({ state: 'ringing', agents: [{ agentId: ME, role: 'ringing' }] }), ME)).toEqual([]);
    expect(availableActions(call({ agents: [{ agentId: OTHER, role: 'talking' }] }), ME)).toEqual([]);
    expect(availableActions(call({ state: 'consulting', agents: [{ agentId: OTHER, role: 'consulting' }, { agentId: ME, role: 'target' }] }), ME)).toEqual(['hangup']);
  });

  it('writes the path and durations as agents read them', () => {
    expect(formatPath(call().path)).toBe('menu: 2 → Support');
    expect(formatDuration(75_000)).toBe('1:15');
    expect(formatDuration(3_723_000)).toBe('1:02:03');
    expect(formatDuration(-5)).toBe('0:00');
    expect(groupColor({ color: '#d92d20' })).toBe('#d92d20');
    expect(groupColor({})).toBe('#98a2b3');
    expect(groupColor({ color: 'red;background:url(x)' })).toBe('#98a2b3');
  });
});

describe('console texts', () => {
  type Tree = { [key: string]: string | Tree };
  const lookup = (tree: Tree, key: string) => key.split('.').reduce<string | Tree | undefined>((node, part) => (typeof node === 'object' ? node[part] : undefined), tree);
  const keys = [
    ...['available', 'ringing', 'in_call', 'wrap_up', 'paused', 'offline'].map((s) => `agentConsole.status.effective.${s}`),
    ...['ivr', 'queued', 'ringing', 'talking', 'held', 'consulting', 'conference', 'transferring'].map((s) => `agentConsole.call.state.${s}`),
    ...['hangup', 'hold', 'resume', 'recordStart', 'recordStop', 'transfer', 'complete', 'switch', 'retrieve', 'conference'].map((a) => `agentConsole.call.actions.${a}`),
    ...['inbound', 'outbound', 'internal'].flatMap((d) => [`agentConsole.call.direction.${d}`, `agentConsole.today.directions.${d}`]),
    ...['abandoned', 'cancelled', 'no_answer', 'busy', 'answered'].map((o) => `agentConsole.today.outcome.${o}`),
    ...['available', 'busy', 'paused', 'offline'].map((a) => `agentConsole.availability.${a}`),
    ...['agent', 'group', 'flow', 'contact'].map((k) => `agentConsole.kinds.${k}`),
    ...SHORTCUTS.map((s) => `agentConsole.shortcuts.${s.action}`),
    ...['notFound', 'ended', 'refused', 'notSupported', 'expired', 'timeout'].map((k) => `calls.commandErrors.${k}`),
    'nav.agent',
  ];
  it.each(keys)('%s is in both catalogues', (key) => {
    expect(typeof lookup(en as Tree, key)).toBe('string');
    expect(typeof lookup(fr as Tree, key)).toBe('string');
  });
  it('says "Transfer now" / "Talk first" as the guides do', () => {
    expect(fr.agentConsole.transfer.cold).toBe('Transférer maintenant');
    expect(fr.agentConsole.transfer.warm).toBe('Parler d’abord');
    expect(fr.agentConsole.call.actions.retrieve).toBe('Reprendre');
  });
});
