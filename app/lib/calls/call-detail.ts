// One call as its page and GET /api/calls/:id show it: the history row's summary, the path the
// runtime recorded (CallEvent, in seq order), the legs rung, the recordings and voicemails
// (links, never the audio), and the flow version it ran (to draw the path on its canvas).
// Another organisation's call is a 404.
import { notFound } from '@/app/lib/api/errors';
import type { Db } from '@/app/lib/db/transaction';
import { rowOutcome, type CallRowOutcome, type NamedRef } from './call-history';

export interface CallEventView {
  seq: number;
  at: Date;
  kind: string;
  nodeId: string | null;
  nodeType: string | null;
  output: string | null;
  data: unknown;
}

export interface CallLegView {
  id: string;
  kind: string;
  agent: NamedRef | null;
  destination: string;
  outcome: string | null;
  startedAt: Date;
  answeredAt: Date | null;
  endedAt: Date | null;
}

export interface CallDetail {
  id: string;
  startedAt: Date;
  answeredAt: Date | null;
  endedAt: Date | null;
  caller: string | null;
  entryNumber: string;
  language: string | null;
  outcome: CallRowOutcome;
  durationMs: number | null;
  flow: NamedRef | null;
  /** The version the call ran: its number, and the flow it belongs to. */
  flowVersion: { id: string; number: number | null; flowId: string } | null;
  queuedAt: Date | null;
  agentAnsweredAt: Date | null;
  waitMs: number | null;
  talkMs: number | null;
  group: NamedRef | null;
  agents: NamedRef[];
  transferCount: number;
  callbackRequested: boolean;
  endNodeId: string | null;
  events: CallEventView[];
  legs: CallLegView[];
  recordings: { id: string; startedAt: Date; durationMs: number; agentId: string | null; audioUrl: string }[];
  voicemails: { id: string; createdAt: Date; durationMs: number; mailboxKind: string; audioUrl: string }[];
}

export async function getCallDetail(db: Db, organizationId: string, callId: string): Promise<CallDetail> {
  const call = await db.call.findFirst({
    where: { id: callId, organizationId },
    include: {
      flowVersion: { select: { id: true, number: true, flowId: true } },
      events: { orderBy: { seq: 'asc' } },
      legs: { orderBy: { startedAt: 'asc' }, include: { agent: { select: { id: true, name: true } } } },
      recordings: { orderBy: { startedAt: 'asc' }, select: { id: true, startedAt: true, durationMs: true, agentId: true } },
      voicemails: { orderBy: { createdAt: 'asc' }, select: { id: true, createdAt: true, durationMs: true, mailboxKind: true } },
    },
  });
  if (!call) throw notFound('Call', callId);
  const flowId = call.flowId ?? call.flowVersion?.flowId ?? null;
  const agentIds = call.agentIds.length > 0 ? call.agentIds : call.agentId ? [call.agentId] : [];
  const [flow, group, agents] = await Promise.all([
    flowId ? db.flow.findFirst({ where: { id: flowId, organizationId }, select: { name: true } }) : null,
    call.groupId ? db.queueGroup.findFirst({ where: { id: call.groupId, organizationId }, select: { name: true } }) : null,
    agentIds.length ? db.agent.findMany({ where: { organizationId, id: { in: agentIds } }, select: { id: true, name: true } }) : [],
  ]);
  const agentName = new Map(agents.map((a) => [a.id, a.name]));
  return {
    id: call.id,
    startedAt: call.startedAt,
    answeredAt: call.answeredAt,
    endedAt: call.endedAt,
    caller: call.caller,
    entryNumber: call.entryNumber,
    language: call.language,
    outcome: rowOutcome(call),
    durationMs: call.endedAt ? call.endedAt.getTime() - call.startedAt.getTime() : null,
    flow: flowId ? { id: flowId, name: flow?.name ?? null } : null,
    flowVersion: call.flowVersion,
    queuedAt: call.queuedAt,
    agentAnsweredAt: call.agentAnsweredAt,
    waitMs: call.waitMs,
    talkMs: call.talkMs,
    group: call.groupId ? { id: call.groupId, name: group?.name ?? null } : null,
    agents: agentIds.map((id) => ({ id, name: agentName.get(id) ?? null })),
    transferCount: call.transferCount,
    callbackRequested: call.callbackRequested,
    endNodeId: call.endNodeId,
    events: call.events.map((e) => ({ seq: e.seq, at: e.at, kind: e.kind, nodeId: e.nodeId, nodeType: e.nodeType, output: e.output, data: e.data })),
    legs: call.legs.map((l) => ({
      id: l.id,
      kind: l.kind,
      agent: l.agentId ? { id: l.agentId, name: l.agent?.name ?? null } : null,
      destination: l.destination,
      outcome: l.outcome,
      startedAt: l.startedAt,
      answeredAt: l.answeredAt,
      endedAt: l.endedAt,
    })),
    recordings: call.recordings.map((r) => ({ ...r, audioUrl: `/api/recordings/${r.id}/audio` })),
    voicemails: call.voicemails.map((v) => ({ ...v, audioUrl: `/api/voicemails/${v.id}/audio` })),
  };
}
