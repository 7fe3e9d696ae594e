// The wallboard's live state and what it shows, as pure functions (unit-tested in
// tests/admin/wallboard-state.test.ts). A `sync` answer with the roster (`{ wallboard: true }`)
// replaces everything; `call.updated` / `call.ended` change the calls (the shared reducer of
// app/lib/realtime/live-state.ts, as a supervisor: every call of the organisation) and
// `agent.status` the agents. Times are counted on the server's clock (`clockOffsetMs`).
import { applyLiveEvent, type LiveCallLike } from '@/app/lib/realtime/live-state';
import type { AgentStatusView, LiveCallView } from '../agent/console-types';

export interface WallboardAgent {
  agentId: string;
  name: string;
  extension: string | null;
  groupIds: string[];
  status: AgentStatusView;
}

export interface WallboardGroup {
  id: string;
  name: string;
  color: string;
}

/** The `sync` answer asked with `{ wallboard: true }` (app/lib/wallboard/wallboard-roster.ts). */
export interface WallboardSync {
  calls: LiveCallView[];
  agents?: WallboardAgent[];
  groups?: WallboardGroup[];
  serverTime?: string;
}

export interface WallboardState {
  calls: Record<string, LiveCallView>;
  agents: Record<string, WallboardAgent>;
  groups: WallboardGroup[];
  /** Server clock minus this browser's clock, ms. */
  clockOffsetMs: number;
  synced: boolean;
}

export type WallboardEvent =
  | { t: 'agent.status'; d: { agentId: string; status: AgentStatusView } }
  | { t: 'call.updated'; d: LiveCallView }
  | { t: 'call.ended'; d: { callId: string; outcome: string | null } };

export const emptyWallboard: WallboardState = { calls: {}, agents: {}, groups: [], clockOffsetMs: 0, synced: false };

/**
 * The snapshot after (re)connecting. `sentAt`/`receivedAt`: this browser's clock around the
 * request; the server's clock is taken as read half-way.
 */
export function applySync(answer: WallboardSync, sentAt: number, receivedAt: number): WallboardState {
  const calls: Record<string, LiveCallView> = {};
  for (const call of answer.calls) calls[call.callId] = call;
  const agents: Record<string, WallboardAgent> = {};
  for (const agent of answer.agents ?? []) agents[agent.agentId] = agent;
  const server = answer.serverTime ? Date.parse(answer.serverTime) : NaN;
  return {
    calls,
    agents,
    groups: answer.groups ?? [],
    clockOffsetMs: Number.isFinite(server) ? Math.round(server - (sentAt + receivedAt) / 2) : 0,
    synced: true,
  };
}

export function applyEvent(state: WallboardState, event: WallboardEvent): WallboardState {
  if (event.t === 'agent.status') {
    const agent = state.agents[event.d.agentId];
    if (!agent) return state;
    return { ...state, agents: { ...state.agents, [agent.agentId]: { ...agent, status: event.d.status } } };
  }
  const next = applyLiveEvent({ status: null, calls: state.calls as unknown as Record<string, LiveCallLike> }, event, null);
  return next.calls === (state.calls as unknown) ? state : { ...state, calls: next.calls as unknown as Record<string, LiveCallView> };
}

/** An event naming an agent or a group the wallboard does not know (created since the last sync): sync again. */
export function needsRoster(state: WallboardState, event: WallboardEvent): boolean {
  if (!state.synced) return false;
  if (event.t === 'agent.status') return !state.agents[event.d.agentId];
  if (event.t === 'call.updated') {
    const call = event.d;
    if (call.agents.some((a) => !state.agents[a.agentId])) return true;
    return call.group !== null && !state.groups.some((g) => g.id === call.group!.id);
  }
  return false;
}

// ---- what the wall shows ---------------------------------------------------------------------

type PathEntry = LiveCallView['path'][number];

/**
 * The step the call is in now: the node named by `nodeId` (issue 15 C3, when the runtime sends it),
 * else the last node entered; `since` = when it entered it (else when its state last changed).
 */
export function currentStep(call: LiveCallView): { label: string; key: string | null; since: string } | null {
  const nodeId = (call as { nodeId?: unknown }).nodeId;
  let entry: PathEntry | undefined;
  if (typeof nodeId === 'string') entry = [...call.path].reverse().find((p) => p.nodeId === nodeId);
  entry ??= call.path[call.path.length - 1];
  if (!entry) return null;
  return { label: entry.label, key: entry.key ?? null, since: entry.at ?? call.stateSince };
}

/** A caller waiting for an agent of a group: an incoming call queued, or ringing the group's agents. */
export function isWaiting(call: LiveCallView): boolean {
  return call.direction === 'inbound' && call.group !== null && call.answeredAt === null && (call.state === 'queued' || call.state === 'ringing');
}

/** When the caller started waiting: entering the queue-group step (its path entry), else the call's start. */
export function waitingSince(call: LiveCallView): number {
  const step = currentStep(call);
  const at = step ? Date.parse(step.since) : NaN;
  return Number.isFinite(at) ? at : Date.parse(call.startedAt);
}

export interface GroupBoard {
  group: WallboardGroup;
  waiting: number;
  /** ms, null when nobody waits. */
  longestWaitMs: number | null;
  /** Members available now. */
  available: number;
  /** Members not offline. */
  present: number;
}

/** Every group (the roster's, plus any a call names), with its waiting callers. `now`: server time. */
export function groupBoards(state: WallboardState, now: number): GroupBoard[] {
  const groups = new Map(state.groups.map((g) => [g.id, g]));
  for (const call of Object.values(state.calls)) if (call.group && !groups.has(call.group.id)) groups.set(call.group.id, call.group);
  const agents = Object.values(state.agents);
  const boards = [...groups.values()].map((group): GroupBoard => {
    const waiting = Object.values(state.calls).filter((c) => isWaiting(c) && c.group!.id === group.id);
    const members = agents.filter((a) => a.groupIds.includes(group.id));
    return {
      group,
      waiting: waiting.length,
      longestWaitMs: waiting.length ? Math.max(0, ...waiting.map((c) => now - waitingSince(c))) : null,
      available: members.filter((a) => a.status.status === 'available').length,
      present: members.filter((a) => a.status.status !== 'offline').length,
    };
  });
  // Groups with callers waiting first (longest wait first), then by name.
  return boards.sort((a, b) => (b.longestWaitMs ?? -1) - (a.longestWaitMs ?? -1) || a.group.name.localeCompare(b.group.name));
}

/** Calls in progress, the oldest first. */
export function sortedCalls(state: WallboardState): LiveCallView[] {
  return Object.values(state.calls).sort((a, b) => a.startedAt.localeCompare(b.startedAt) || a.callId.localeCompare(b.callId));
}

/** Agents by name, the offline ones last (their places on the wall stay put as statuses change). */
export function sortedAgents(state: WallboardState): WallboardAgent[] {
  return Object.values(state.agents).sort(
    (a, b) => Number(a.status.status === 'offline') - Number(b.status.status === 'offline') || a.name.localeCompare(b.name) || a.agentId.localeCompare(b.agentId),
  );
}

export interface WallboardTotals {
  inProgress: number;
  waiting: number;
  longestWaitMs: number | null;
  available: number;
  /** Agents not offline. */
  present: number;
  byStatus: Record<AgentStatusView['status'], number>;
}

export function totals(state: WallboardState, now: number): WallboardTotals {
  const calls = Object.values(state.calls);
  const waiting = calls.filter(isWaiting);
  const byStatus = { in_call: 0, ringing: 0, wrap_up: 0, available: 0, paused: 0, offline: 0 } as WallboardTotals['byStatus'];
  for (const a of Object.values(state.agents)) byStatus[a.status.status] = (byStatus[a.status.status] ?? 0) + 1;
  const agents = Object.values(state.agents);
  return {
    inProgress: calls.length,
    waiting: waiting.length,
    longestWaitMs: waiting.length ? Math.max(0, ...waiting.map((c) => now - waitingSince(c))) : null,
    available: byStatus.available,
    present: agents.length - byStatus.offline,
    byStatus,
  };
}
