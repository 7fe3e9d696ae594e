// The call history (issue 15, contract C1): an organisation's calls, newest first, filtered,
// one page at a time. Keyset paging on (startedAt desc, id desc): the cursor is that pair, so a
// page never repeats or skips a call, even among calls started in the same millisecond, and a
// deep page costs what the first one does. The /calls page, GET /api/calls, the CSV export and
// the statistics benchmark all call listCalls.
//
// Indexes (prisma/schema.prisma, EXPLAIN over 1,000,000 calls in the migration
// 20261207100200_call_history): (organizationId, startedAt) scanned backwards with an incremental
// sort on id serves the unfiltered list and the cursor; the (organizationId, flowId|groupId|
// agentId|entryNumber, startedAt) indexes serve those filters; (organizationId, caller, startedAt)
// serves the caller search, written as a range so PostgreSQL can use it whatever the collation.
import { ApiError } from '@/app/lib/api/errors';
import type { Db } from '@/app/lib/db/transaction';
import type { Prisma } from '@/prisma/generated/client';

export const CALL_HISTORY_OUTCOMES = ['answered', 'abandoned', 'cancelled', 'no_answer', 'busy', 'flow_end'] as const;
export type CallHistoryOutcome = (typeof CALL_HISTORY_OUTCOMES)[number];
/** What a row shows: an outcome, or in_progress for a call that has not ended. */
export type CallRowOutcome = CallHistoryOutcome | 'in_progress';

export interface CallHistoryFilters {
  /** startedAt in [from, to). */
  from?: Date;
  to?: Date;
  entryNumber?: string;
  flowId?: string;
  groupId?: string;
  agentId?: string;
  outcome?: CallHistoryOutcome;
  /** A whole number matches exactly; a shorter one matches every caller starting with it. */
  caller?: string;
  /** live: calls that ran the live version; canary: those drawn into the flow's canary (issue 17). */
  version?: CallHistoryVersionKind;
}

export const CALL_HISTORY_VERSION_KINDS = ['live', 'canary'] as const;
export type CallHistoryVersionKind = (typeof CALL_HISTORY_VERSION_KINDS)[number];

export interface CallHistoryPageRequest {
  /** The nextCursor of the previous page. */
  cursor?: string;
  /** 1 to 1000, default 50. */
  limit?: number;
}

export interface NamedRef {
  id: string;
  /** null when it was deleted since. */
  name: string | null;
}

export interface CallHistoryRow {
  id: string;
  startedAt: Date;
  endedAt: Date | null;
  /** null when the number was withheld. */
  caller: string | null;
  entryNumber: string;
  flow: NamedRef | null;
  /** The published version the call ran (null for a deleted version). */
  flowVersionNumber: number | null;
  /** The call ran its flow's canary version, not the live one. */
  canary: boolean;
  outcome: CallRowOutcome;
  /** startedAt → endedAt (null while in progress). */
  durationMs: number | null;
  waitMs: number | null;
  talkMs: number | null;
  group: NamedRef | null;
  /** Every agent who talked to the caller, in order. */
  agents: NamedRef[];
  transferCount: number;
  voicemails: { id: string; durationMs: number; audioUrl: string }[];
  recordings: { id: string; durationMs: number; audioUrl: string }[];
}

export interface CallHistoryPage {
  items: CallHistoryRow[];
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  nextCursor: string | null;
}

export const CALL_HISTORY_PAGE_SIZE = 50;
export const CALL_HISTORY_MAX_LIMIT = 1000;

/** The row's outcome: the stored one, flow_end for a call the flow ended, in_progress before the end. */
export function rowOutcome(call: { outcome: string | null; endedAt: Date | null }): CallRowOutcome {
  if (call.outcome) return call.outcome as CallHistoryOutcome;
  return call.endedAt ? 'flow_end' : 'in_progress';
}

/** The opaque cursor of a row: base64url of "<startedAt ISO>|<id>". */
export function encodeCursor(row: { startedAt: Date; id: string }): string {
  return Buffer.from(`${row.startedAt.toISOString()}|${row.id}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): { startedAt: Date; id: string } {
  const text = /^[A-Za-z0-9_-]{1,400}$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  const bar = text.indexOf('|');
  const startedAt = new Date(text.slice(0, bar));
  const id = text.slice(bar + 1);
  if (bar < 0 || Number.isNaN(startedAt.getTime()) || !id || startedAt.toISOString() !== text.slice(0, bar)) {
    throw new ApiError('VALIDATION_FAILED', 'cursor is not one this API gave; use the nextCursor of the previous page', { path: '/cursor' });
  }
  return { startedAt, id };
}

/** The smallest string greater than every string starting with `prefix` (digits and "+"), or null. */
function prefixUpperBound(prefix: string): string | null {
  const trimmed = prefix.replace(/9+$/, '');
  if (!/[0-8]$/.test(trimmed)) return null;
  return trimmed.slice(0, -1) + String(Number(trimmed.at(-1)) + 1);
}

function callerWhere(caller: string): Prisma.CallWhereInput {
  if (!/^\+?[0-9]+$/.test(caller)) return { caller: { startsWith: caller } };
  const upper = prefixUpperBound(caller);
  // The range lets PostgreSQL use the (organizationId, caller, startedAt) index (a LIKE prefix
  // cannot under a non-C collation); startsWith keeps the result exact whatever the collation.
  return { AND: [{ caller: { gte: caller, ...(upper ? { lt: upper } : {}) } }, { caller: { startsWith: caller } }] };
}

function outcomeWhere(outcome: CallHistoryOutcome): Prisma.CallWhereInput {
  return outcome === 'flow_end' ? { outcome: null, endedAt: { not: null } } : { outcome };
}

export function callHistoryWhere(organizationId: string, filters: CallHistoryFilters): Prisma.CallWhereInput {
  const and: Prisma.CallWhereInput[] = [{ organizationId }];
  if (filters.from || filters.to) and.push({ startedAt: { ...(filters.from ? { gte: filters.from } : {}), ...(filters.to ? { lt: filters.to } : {}) } });
  if (filters.entryNumber) and.push({ entryNumber: filters.entryNumber });
  if (filters.flowId) and.push({ flowId: filters.flowId });
  if (filters.groupId) and.push({ groupId: filters.groupId });
  if (filters.agentId) and.push({ agentIds: { has: filters.agentId } });
  if (filters.outcome) and.push(outcomeWhere(filters.outcome));
  if (filters.caller) and.push(callerWhere(filters.caller));
  if (filters.version) and.push({ canary: filters.version === 'canary' });
  return { AND: and };
}

const callSelect = {
  id: true,
  startedAt: true,
  endedAt: true,
  caller: true,
  entryNumber: true,
  flowId: true,
  flowVersion: { select: { number: true, flowId: true } },
  canary: true,
  outcome: true,
  waitMs: true,
  talkMs: true,
  groupId: true,
  agentId: true,
  agentIds: true,
  transferCount: true,
} satisfies Prisma.CallSelect;

/**
 * One page of the organisation's calls matching `filters`, newest first.
 * Agent filter: calls where the agent talked to the caller (Call.agentIds).
 */
export async function listCalls(db: Db, organizationId: string, filters: CallHistoryFilters, page: CallHistoryPageRequest = {}): Promise<CallHistoryPage> {
  const limit = page.limit ?? CALL_HISTORY_PAGE_SIZE;
  if (!Number.isInteger(limit) || limit < 1 || limit > CALL_HISTORY_MAX_LIMIT) {
    throw new ApiError('VALIDATION_FAILED', `limit must be an integer from 1 to ${CALL_HISTORY_MAX_LIMIT}`, { path: '/limit' });
  }
  const where = callHistoryWhere(organizationId, filters);
  if (page.cursor) {
    const c = decodeCursor(page.cursor);
    // Written as startedAt <= c AND (startedAt < c OR id < c.id): the first half is an index
    // condition, so a deep page starts where the cursor is instead of filtering from the top.
    (where.AND as Prisma.CallWhereInput[]).push({ startedAt: { lte: c.startedAt } }, { OR: [{ startedAt: { lt: c.startedAt } }, { id: { lt: c.id } }] });
  }
  const query = (client: Db) => client.call.findMany({ where, select: callSelect, orderBy: [{ startedAt: 'desc' }, { id: 'desc' }], take: limit + 1 });
  const rows = filters.agentId && (await agentHasFewCalls(db, organizationId, filters.agentId)) ? await withoutOrderedScan(db, query) : await query(db);
  const pageRows = rows.slice(0, limit);
  return {
    items: await toHistoryRows(db, organizationId, pageRows),
    nextCursor: rows.length > limit ? encodeCursor(pageRows[pageRows.length - 1]) : null,
  };
}

/** Below this many calls, an agent's calls are found through the GIN index on agentIds. */
const FEW_AGENT_CALLS = 2000;

/**
 * Whether the agent answered few calls first (Call.agentId): is there a call past the first
 * FEW_AGENT_CALLS? Ordered by startedAt and reading only it, so PostgreSQL answers from the
 * (organizationId, agentId, startedAt) index alone (a count with a limit took a sequential scan).
 */
async function agentHasFewCalls(db: Db, organizationId: string, agentId: string): Promise<boolean> {
  const beyond = await db.call.findFirst({ where: { organizationId, agentId }, orderBy: { startedAt: 'desc' }, skip: FEW_AGENT_CALLS, select: { startedAt: true } });
  return beyond === null;
}

/**
 * Runs the page query with PostgreSQL's plain index scans off, in a transaction of its own.
 * For an agent with few calls the planner (which cannot tell a rare agent from a common one in
 * an array column) would walk the organisation's calls newest first until it found a page: over
 * a year of calls, an agent who left months ago cost 0.5 to 1.6 s. Without that plan it takes
 * the GIN index on agentIds and sorts the agent's few calls (< 1 ms). Common agents keep the
 * ordered scan, which finds their page at once.
 */
async function withoutOrderedScan<T>(db: Db, query: (client: Db) => Promise<T>): Promise<T> {
  if ('$transaction' in db) {
    return db.$transaction(async (tx) => {
      await tx.$executeRaw`SET LOCAL enable_indexscan = off`;
      return query(tx);
    });
  }
  // Already in the caller's transaction: switch the setting back after the query.
  await db.$executeRaw`SET LOCAL enable_indexscan = off`;
  try {
    return await query(db);
  } finally {
    await db.$executeRaw`SET LOCAL enable_indexscan = on`;
  }
}

type CallRow = Prisma.CallGetPayload<{ select: typeof callSelect }>;

/** Names and links of a page's calls, in five queries whatever the page size. */
async function toHistoryRows(db: Db, organizationId: string, calls: CallRow[]): Promise<CallHistoryRow[]> {
  if (calls.length === 0) return [];
  const agentIdsOf = (c: CallRow) => (c.agentIds.length > 0 ? c.agentIds : c.agentId ? [c.agentId] : []);
  const flowIds = [...new Set(calls.map((c) => c.flowId ?? c.flowVersion?.flowId).filter((id): id is string => !!id))];
  const groupIds = [...new Set(calls.map((c) => c.groupId).filter((id): id is string => !!id))];
  const agentIds = [...new Set(calls.flatMap(agentIdsOf))];
  const callIds = calls.map((c) => c.id);
  const [flows, groups, agents, voicemails, recordings] = await Promise.all([
    flowIds.length ? db.flow.findMany({ where: { organizationId, id: { in: flowIds } }, select: { id: true, name: true } }) : [],
    groupIds.length ? db.queueGroup.findMany({ where: { organizationId, id: { in: groupIds } }, select: { id: true, name: true } }) : [],
    agentIds.length ? db.agent.findMany({ where: { organizationId, id: { in: agentIds } }, select: { id: true, name: true } }) : [],
    db.voicemail.findMany({ where: { organizationId, callId: { in: callIds } }, select: { id: true, callId: true, durationMs: true }, orderBy: { createdAt: 'asc' } }),
    db.callRecording.findMany({ where: { organizationId, callId: { in: callIds } }, select: { id: true, callId: true, durationMs: true }, orderBy: { startedAt: 'asc' } }),
  ]);
  const names = (list: { id: string; name: string }[]) => new Map(list.map((x) => [x.id, x.name]));
  const flowNames = names(flows);
  const groupNames = names(groups);
  const agentNames = names(agents);
  const byCall = <T extends { callId: string | null }>(list: T[]) => {
    const map = new Map<string, T[]>();
    for (const item of list) if (item.callId) map.set(item.callId, [...(map.get(item.callId) ?? []), item]);
    return map;
  };
  const voicemailsByCall = byCall(voicemails);
  const recordingsByCall = byCall(recordings);
  return calls.map((c) => {
    const flowId = c.flowId ?? c.flowVersion?.flowId ?? null;
    return {
      id: c.id,
      startedAt: c.startedAt,
      endedAt: c.endedAt,
      caller: c.caller,
      entryNumber: c.entryNumber,
      flow: flowId ? { id: flowId, name: flowNames.get(flowId) ?? null } : null,
      flowVersionNumber: c.flowVersion?.number ?? null,
      canary: c.canary,
      outcome: rowOutcome(c),
      durationMs: c.endedAt ? c.endedAt.getTime() - c.startedAt.getTime() : null,
      waitMs: c.waitMs,
      talkMs: c.talkMs,
      group: c.groupId ? { id: c.groupId, name: groupNames.get(c.groupId) ?? null } : null,
      agents: agentIdsOf(c).map((id) => ({ id, name: agentNames.get(id) ?? null })),
      transferCount: c.transferCount,
      voicemails: (voicemailsByCall.get(c.id) ?? []).map((v) => ({ id: v.id, durationMs: v.durationMs, audioUrl: `/api/voicemails/${v.id}/audio` })),
      recordings: (recordingsByCall.get(c.id) ?? []).map((r) => ({ id: r.id, durationMs: r.durationMs, audioUrl: `/api/recordings/${r.id}/audio` })),
    };
  });
}
