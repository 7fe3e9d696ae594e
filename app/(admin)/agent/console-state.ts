// The console's live state and what it may offer, as pure functions (unit-tested in
// tests/admin/agent-console-state.test.ts): a `sync` answer replaces everything, then
// `agent.status`, `call.updated` and `call.ended` events change it. The buttons come from the
// call's real state (LiveCallView.state, the agent's role on it, canRetrieve…), so an action
// taken on the phone (a REFER, a hold) changes them as soon as the runtime publishes it.
import type { AgentStatusView, LiveCallView, LiveEvent, SyncResult, CallCommandType } from './console-types';

export interface ConsoleState {
  status: AgentStatusView | null;
  /** The calls this agent is on, oldest first. */
  calls: LiveCallView[];
}

export const emptyConsoleState: ConsoleState = { status: null, calls: [] };

export function isMine(call: LiveCallView, agentId: string): boolean {
  return call.agents.some((a) => a.agentId === agentId);
}

function byStart(a: LiveCallView, b: LiveCallView): number {
  return a.startedAt.localeCompare(b.startedAt);
}

/** A `sync` answer: the snapshot after (re)connecting. A supervisor's snapshot holds the whole organisation's calls: keep this agent's. */
export function applySync(state: ConsoleState, sync: SyncResult, agentId: string): ConsoleState {
  return {
    status: sync.status ?? state.status,
    calls: sync.calls.filter((c) => isMine(c, agentId)).sort(byStart),
  };
}

export function applyEvent(state: ConsoleState, event: LiveEvent, agentId: string): ConsoleState {
  switch (event.t) {
    case 'agent.status':
      return event.d.agentId === agentId ? { ...state, status: event.d.status } : state;
    case 'call.updated': {
      const others = state.calls.filter((c) => c.callId !== event.d.callId);
      // A call this agent left (transferred away, completed) disappears from the console.
      if (!isMine(event.d, agentId)) return others.length === state.calls.length ? state : { ...state, calls: others };
      return { ...state, calls: [...others, event.d].sort(byStart) };
    }
    case 'call.ended': {
      const calls = state.calls.filter((c) => c.callId !== event.d.callId);
      return calls.length === state.calls.length ? state : { ...state, calls };
    }
    default:
      return state;
  }
}

export type CallAction = Extract<CallCommandType, 'hangup' | 'hold' | 'resume' | 'recordStart' | 'recordStop' | 'complete' | 'switch' | 'retrieve' | 'conference'> | 'transfer';

/** What this agent may do on the call now, in display order. */
export function availableActions(call: LiveCallView, agentId: string): CallAction[] {
  const role = call.agents.find((a) => a.agentId === agentId)?.role;
  if (!role) return [];
  // The phone rings: answering happens on the phone; a target being consulted only talks.
  if (role === 'ringing') return [];
  if (role === 'target') return ['hangup'];
  const actions: CallAction[] = [];
  const media = call.state === 'talking' || call.state === 'held' || call.state === 'consulting' || call.state === 'conference';
  if (call.state === 'talking') actions.push('hold');
  if (call.state === 'held') actions.push('resume');
  if (media) actions.push(call.recording ? 'recordStop' : 'recordStart');
  if (call.state === 'talking' || call.state === 'held') actions.push('transfer');
  if (call.canComplete) actions.push('complete');
  if (call.canSwitch) actions.push('switch');
  if (call.canConference) actions.push('conference');
  if (call.canRetrieve) actions.push('retrieve');
  actions.push('hangup');
  return actions;
}

/** "menu: 2 → Support": each step's label, with the key pressed there. */
export function formatPath(path: LiveCallView['path']): string {
  return path.map((step) => (step.key ? `${step.label}: ${step.key}` : step.label)).join(' → ');
}

/** 75_000 → "1:15", 3_723_000 → "1:02:03". */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** A group's colour as a CSS colour: its `#rrggbb`, else a neutral grey (a row without one). */
export function groupColor(group: { color?: string | null }): string {
  return typeof group.color === 'string' && /^#[0-9a-fA-F]{6}$/.test(group.color) ? group.color : '#98a2b3';
}
