// The shapes the console reads, exactly as issue 14's contracts give them (C1 statuses, C2 live
// events, C3 directory / calls of the day). Kept here, on the browser side, so the console does
// not import server code; LiveCallView (the runtime's) and DirectoryEntry (the route's) are type-only
// exports of the server's own definitions.

import type { LiveCallView } from '@/flow-runtime/live/live-call-view';

export type EffectiveStatus = 'available' | 'ringing' | 'in_call' | 'wrap_up' | 'paused' | 'offline';
export type ChosenStatus = 'available' | 'paused' | 'offline';

export interface PauseReason {
  id: string;
  label: string;
  position?: number;
}

export interface StatusLock {
  status: ChosenStatus;
  pauseReason: PauseReason | null;
  byUserName: string;
  at: string;
}

/** C1: the effective status object (GET /api/agent/me, PUT /api/agent/me/status, `agent.status` events, `sync`). */
export interface AgentStatusView {
  status: EffectiveStatus;
  pauseReason: PauseReason | null;
  since: string;
  wrapUpEndsAt: string | null;
  lock: StatusLock | null;
}

export interface GroupRef {
  id: string;
  name: string;
  color: string;
}

export interface AgentMe {
  agent: { id: string; name: string; extension: string | null; groups: GroupRef[] };
  status: AgentStatusView;
}

/** C2: a call in progress as the runtime describes it (type only: no server code reaches the browser). */
export type { LiveAgentRole, LiveCallState, LiveCallView } from '@/flow-runtime/live/live-call-view';

/** C2: one NOTIFY relais_live payload as socket.io hands it to the browser. */
export type LiveEvent =
  | { t: 'agent.status'; d: { agentId: string; status: AgentStatusView }; at?: string }
  | { t: 'call.updated'; d: LiveCallView; at?: string }
  | { t: 'call.ended'; d: { callId: string; outcome: string | null }; at?: string };

export interface SyncResult {
  status: AgentStatusView | null;
  calls: LiveCallView[];
}

/** C3: one row of GET /api/directory, as the route builds it (type only). */
export type { DirectoryEntry, DirectoryKind } from '@/app/lib/agent-console/directory';
export type { Availability } from '@/app/lib/agent-console/agent-availability';

/** C3: one row of GET /api/agent/me/calls. */
export interface AgentCallOfDay {
  callId: string;
  direction: 'inbound' | 'outbound' | 'internal';
  at: string;
  caller: string;
  entryNumber: string;
  contactName: string | null;
  group: GroupRef | null;
  durationMs: number | null;
  outcome: string | null;
}

/** Transfer targets of POST /api/calls/:id/commands (schemas/api/call-command.schema.json). */
export type TransferTarget =
  | { kind: 'agent'; agentId: string }
  | { kind: 'extension'; extension: string }
  | { kind: 'number'; number: string }
  | { kind: 'group'; groupId: string }
  | { kind: 'flow'; flowId: string }
  | { kind: 'contact'; contactId: string };

export type CallCommandType =
  | 'hold' | 'resume' | 'hangup' | 'transferCold' | 'transferWarm' | 'switch' | 'complete' | 'retrieve' | 'conference' | 'recordStart' | 'recordStop';
