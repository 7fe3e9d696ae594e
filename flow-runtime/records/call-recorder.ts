// What a call session writes about a call: its row, its path (CallEvent with seq), its legs,
// and what it produced (voicemail, callback request, SMS). Every method returns at once with
// the row's id (ids are made here, so later writes can refer to rows not yet written); the
// writes go through the Outbox, in order per call, retried while the database is away.
import { randomUUID } from 'node:crypto';
import { sqlPool, type PrismaClient } from '../../prisma/client';
import { Outbox, type OutboxOp, type OutboxOptions } from './outbox';
import { CallSummary, type CallSummaryFact } from './call-summary';
import { emitWebhookEvent, webhookEmitOp, type WebhookEmitOp } from '../webhooks/webhook-emit';
import type { WebhookEventType } from '../webhooks/webhook-events';
import { withKeptGroup, withKeptMailbox } from './kept-mailbox';
import { executeRecordSql, isPermanentPgError } from './record-sql';

export type CallOutcome = 'abandoned' | 'cancelled' | 'no_answer' | 'busy' | 'answered';
export type LegOutcome = 'answered' | 'no_answer' | 'busy' | 'cancelled' | 'failed';

export interface CallStart {
  organizationId: string;
  sipCallId: string;
  /** The E.164 number the call came in on. */
  entryNumber: string;
  caller: string | null;
  callee: string;
  flowVersionId: string | null;
  /** The Flow of flowVersionId (summary column, written with the row). */
  flowId?: string | null;
  language?: string | null;
  startedAt?: Date;
  /** The call runs the flow's canary version (issue 17); written only when true. */
  canary?: boolean;
}

export interface PathEventInput {
  kind: string;
  nodeId?: string | null;
  nodeType?: string | null;
  output?: string | null;
  data?: unknown;
  at?: Date;
}

export interface VoicemailInput {
  organizationId: string;
  callId: string | null;
  mailbox: { kind: 'agent'; agentId: string } | { kind: 'group'; groupId: string };
  caller: string | null;
  durationMs: number;
  /** The recording as a WAV file. */
  audio: Uint8Array;
}

export interface CallRecordingInput {
  organizationId: string;
  callId: string;
  agentId: string | null;
  startedBy: string;
  startedByUserId: string | null;
  startedByAgentId: string | null;
  startedAt: Date;
  endedAt: Date;
  durationMs: number;
  endReason: string;
  /** The WAV file. */
  audio: Uint8Array;
}

export interface CallbackInput {
  organizationId: string;
  callId: string | null;
  groupId: string | null;
  number: string;
  earliestAt?: Date;
  maxAttempts?: number;
}

export interface SmsInput {
  organizationId: string;
  callId: string | null;
  to: string;
  from: string | null;
  body: string;
  status: 'queued' | 'sent' | 'failed';
  provider?: string | null;
  error?: string | null;
  sentAt?: Date | null;
}

const iso = (d: Date | undefined | null, fallback: () => Date) => (d ?? fallback()).toISOString();
const date = (v: unknown) => (v == null ? v : new Date(v as string)) as Date;

export class CallRecorder {
  readonly outbox: Outbox;
  private readonly seqs = new Map<string, number>();
  /** Seq counters of calls that ended in the last minute: a late event (a call recording stored after the end) keeps counting. */
  private readonly endedSeqs = new Map<string, { seq: number; at: number }>();
  /** The summary columns of calls in progress (call-summary.ts), written with their end. */
  private readonly summaries = new Map<string, CallSummary>();

  constructor(prisma: PrismaClient, outbox: Omit<OutboxOptions, 'execute' | 'isPermanent'>, private readonly now: () => Date = () => new Date()) {
    // the ops of every call as plain SQL on the client's pool (record-sql.ts); the others through Prisma
    const sql = sqlPool(prisma);
    const execute = sql
      ? async (op: OutboxOp) => {
          if (!(await executeRecordSql(sql, op, () => emitWebhookEvent(prisma, op.data as WebhookEmitOp)))) await executeRecord(prisma, op);
        }
      : (op: OutboxOp) => executeRecord(prisma, op);
    this.outbox = new Outbox({ ...outbox, execute, isPermanent: isPermanentDbError });
  }

  /** Replays writes an earlier run spilled to disk. */
  start(): void {
    this.outbox.start();
  }

  /** Waits until every write landed (false on timeout). */
  flush(timeoutMs?: number): Promise<boolean> {
    return this.outbox.flush(timeoutMs);
  }

  /** Clean shutdown: flush, then spill what could not be written. */
  close(timeoutMs?: number): Promise<void> {
    return this.outbox.close(timeoutMs);
  }

  callStarted(call: CallStart): string {
    const id = randomUUID();
    this.seqs.set(id, 0);
    this.summaries.set(id, new CallSummary());
    this.put(id, 'call.create', {
      id, organizationId: call.organizationId, sipCallId: call.sipCallId, entryNumber: call.entryNumber,
      caller: call.caller, callee: call.callee, flowVersionId: call.flowVersionId, flowId: call.flowId ?? null, language: call.language ?? null,
      ...(call.canary ? { canary: true } : {}),
      startedAt: iso(call.startedAt, this.now),
    });
    this.webhook(id, 'call.started', { organizationId: call.organizationId, callId: id });
    return id;
  }

  callAnswered(callId: string, at?: Date): void {
    this.put(callId, 'call.update', { id: callId, answeredAt: iso(at, this.now) });
  }

  /** Sets fields known later (the language chosen, the flow version after a jump). */
  callUpdated(callId: string, patch: { language?: string | null; flowVersionId?: string | null }): void {
    this.put(callId, 'call.update', { id: callId, ...patch });
  }

  /** What only the kind of call knows for its summary columns (call-summary.ts): its group, when its talk starts. */
  callSummary(callId: string, fact: CallSummaryFact): void {
    this.summaries.get(callId)?.fact(fact, this.now());
  }

  callEnded(callId: string, outcome: CallOutcome | null, at?: Date): void {
    const endedAt = at ?? this.now();
    const summary = this.summaries.get(callId)?.finish(endedAt);
    this.summaries.delete(callId);
    this.put(callId, 'call.update', { id: callId, outcome, endedAt: endedAt.toISOString(), ...summary });
    // the flow analytics rollup (app/lib/flow-analytics/README.md): after every event and the end of the call (same key)
    this.put(callId, 'call.rollup', { id: callId });
    this.webhook(callId, 'call.ended', { callId });
    const now = Date.now();
    for (const [id, e] of this.endedSeqs) if (now - e.at > 60_000) this.endedSeqs.delete(id);
    const seq = this.seqs.get(callId);
    if (seq !== undefined) this.endedSeqs.set(callId, { seq, at: now });
    this.seqs.delete(callId);
  }

  /** One step of the call's path; returns its seq (1, 2, …). */
  pathEvent(callId: string, event: PathEventInput): number {
    const late = this.endedSeqs.get(callId);
    const seq = (this.seqs.get(callId) ?? late?.seq ?? 0) + 1;
    if (late) late.seq = seq;
    else this.seqs.set(callId, seq);
    const at = event.at ?? this.now();
    this.summaries.get(callId)?.observe({ kind: event.kind, nodeId: event.nodeId, data: event.data, at });
    this.put(callId, 'event.create', {
      id: randomUUID(), callId, seq, at: at.toISOString(), kind: event.kind, nodeId: event.nodeId ?? null,
      nodeType: event.nodeType ?? null, output: event.output ?? null, data: event.data ?? null,
    });
    return seq;
  }

  legStarted(callId: string, leg: { agentId: string | null; destination: string; startedAt?: Date; kind?: string }): string {
    const id = randomUUID();
    this.put(callId, 'leg.create', { id, callId, agentId: leg.agentId, destination: leg.destination, startedAt: iso(leg.startedAt, this.now), ...(leg.kind ? { kind: leg.kind } : {}) });
    return id;
  }

  legAnswered(callId: string, legId: string, at?: Date): void {
    this.put(callId, 'leg.update', { id: legId, answeredAt: iso(at, this.now) });
    this.webhook(callId, 'call.answered', { callId, legId });
  }

  legEnded(callId: string, legId: string, outcome: LegOutcome, at?: Date): void {
    this.put(callId, 'leg.update', { id: legId, outcome, endedAt: iso(at, this.now) });
  }

  /** Links a callback request made outside a call to `callId` (its first attempt); never replaces a link. */
  callbackLinked(callId: string, requestId: string): void {
    this.put(callId, 'callback.link', { id: requestId, callId });
  }

  voicemail(v: VoicemailInput): string {
    const id = randomUUID();
    this.put(v.callId ?? id, 'voicemail.create', {
      id, organizationId: v.organizationId, callId: v.callId, mailboxKind: v.mailbox.kind,
      agentId: v.mailbox.kind === 'agent' ? v.mailbox.agentId : null, groupId: v.mailbox.kind === 'group' ? v.mailbox.groupId : null,
      caller: v.caller, durationMs: v.durationMs, audio: Buffer.from(v.audio).toString('base64'), createdAt: iso(undefined, this.now),
    });
    // the message is often stored after the call ended (the caller hung up while recording)
    if (v.callId) this.flag(v.callId, 'voicemail');
    this.webhook(v.callId ?? id, 'voicemail.created', {
      organizationId: v.organizationId, callId: v.callId,
      data: { voicemail: { id, callId: v.callId, mailbox: v.mailbox, caller: v.caller, durationMs: v.durationMs, audioPath: `/api/voicemails/${id}/audio` } },
    });
    return id;
  }

  callbackRequest(c: CallbackInput): string {
    const id = randomUUID();
    this.put(c.callId ?? id, 'callback.create', {
      id, organizationId: c.organizationId, callId: c.callId, groupId: c.groupId, number: c.number,
      earliestAt: iso(c.earliestAt, this.now), maxAttempts: c.maxAttempts ?? 3, createdAt: iso(undefined, this.now),
    });
    if (c.callId) this.flag(c.callId, 'callback');
    this.webhook(c.callId ?? id, 'callback.requested', {
      organizationId: c.organizationId, callId: c.callId,
      data: { callbackRequest: { id, callId: c.callId, groupId: c.groupId, number: c.number, earliestAt: iso(c.earliestAt, this.now) } },
    });
    return id;
  }

  /** A recording of both parties (call-control/recording.ts), after the Call row (same key). */
  callRecording(r: CallRecordingInput): string {
    const id = randomUUID();
    this.put(r.callId, 'recording.create', {
      id, organizationId: r.organizationId, callId: r.callId, agentId: r.agentId, startedBy: r.startedBy,
      startedByUserId: r.startedByUserId, startedByAgentId: r.startedByAgentId, startedAt: r.startedAt.toISOString(),
      endedAt: r.endedAt.toISOString(), durationMs: r.durationMs, endReason: r.endReason, audio: Buffer.from(r.audio).toString('base64'),
    });
    return id;
  }

  sms(s: SmsInput): string {
    const id = randomUUID();
    this.put(s.callId ?? id, 'sms.create', {
      id, organizationId: s.organizationId, callId: s.callId, to: s.to, from: s.from, body: s.body, status: s.status,
      provider: s.provider ?? null, error: s.error ?? null, sentAt: s.sentAt ? s.sentAt.toISOString() : null, createdAt: iso(undefined, this.now),
    });
    return id;
  }

  /** Call.voicemail / callbackRequested: in the summary written at the end, or at once when the call already ended. */
  private flag(callId: string, what: 'voicemail' | 'callback'): void {
    const summary = this.summaries.get(callId);
    if (summary) summary.fact({ kind: what }, this.now());
    else this.put(callId, 'call.update', { id: callId, ...(what === 'voicemail' ? { voicemail: true } : { callbackRequested: true }) });
  }

  /** A webhook event (flow-runtime/webhooks), after the write it follows on the same key. */
  private webhook(key: string, type: WebhookEventType, fields: Omit<WebhookEmitOp, 'eventId' | 'type' | 'at'>): void {
    this.put(key, 'webhook.emit', webhookEmitOp(type, fields, this.now()) as unknown as Record<string, unknown>);
  }

  private put(key: string, kind: string, data: Record<string, unknown>): void {
    this.outbox.enqueue({ id: randomUUID(), key, kind, data });
  }
}

/** Writes one op; every write is idempotent (client ids, skipDuplicates, plain updates). */
export async function executeRecord(prisma: PrismaClient, op: OutboxOp): Promise<void> {
  const d = op.data as Record<string, unknown>;
  switch (op.kind) {
    case 'call.create':
      await prisma.call.createMany({ data: [<never>{ ...d, startedAt: date(d.startedAt) }], skipDuplicates: true });
      return;
    case 'call.update': {
      const { id, ...rest } = d;
      const data: Record<string, unknown> = { ...rest };
      for (const k of ['answeredAt', 'endedAt', 'queuedAt', 'agentAnsweredAt']) if (k in data) data[k] = date(data[k]);
      await prisma.call.update({ where: { id: id as string }, data });
      return;
    }
    case 'call.rollup':
      // adds the call's path into FlowPathStat and marks the call, in one statement: a replay adds nothing
      await prisma.$queryRaw`SELECT flow_path_rollup(ARRAY[${d.id as string}]::text[])`;
      return;
    case 'event.create':
      await prisma.callEvent.createMany({ data: [<never>{ ...d, at: date(d.at), data: (d.data ?? undefined) as never }], skipDuplicates: true });
      return;
    case 'leg.create':
      await prisma.callLeg.createMany({ data: [<never>{ ...d, startedAt: date(d.startedAt) }], skipDuplicates: true });
      return;
    case 'leg.update': {
      const { id, ...rest } = d;
      const data: Record<string, unknown> = { ...rest };
      for (const k of ['answeredAt', 'endedAt']) if (k in data) data[k] = date(data[k]);
      await prisma.callLeg.update({ where: { id: id as string }, data });
      return;
    }
    case 'voicemail.create':
      await prisma.voicemail.createMany({
        data: [<never>{ ...(await withKeptMailbox(prisma, d)), audio: new Uint8Array(Buffer.from(d.audio as string, 'base64')), createdAt: date(d.createdAt) }],
        skipDuplicates: true,
      });
      return;
    case 'recording.create':
      await prisma.callRecording.createMany({
        data: [<never>{ ...d, audio: new Uint8Array(Buffer.from(d.audio as string, 'base64')), startedAt: date(d.startedAt), endedAt: date(d.endedAt) }],
        skipDuplicates: true,
      });
      return;
    case 'callback.create':
      await prisma.callbackRequest.createMany({ data: [<never>{ ...(await withKeptGroup(prisma, d)), earliestAt: date(d.earliestAt), createdAt: date(d.createdAt) }], skipDuplicates: true });
      return;
    case 'callback.link':
      await prisma.callbackRequest.updateMany({ where: { id: d.id as string, callId: null }, data: { callId: d.callId as string } });
      return;
    case 'sms.create':
      await prisma.smsMessage.createMany({ data: [<never>{ ...d, sentAt: date(d.sentAt), createdAt: date(d.createdAt) }], skipDuplicates: true });
      return;
    case 'webhook.emit':
      await emitWebhookEvent(prisma, op.data as WebhookEmitOp);
      return;
    default:
      throw new UnknownRecordKindError(op.kind);
  }
}

/** An op of a kind this runtime does not know (a spill file from a newer version). */
export class UnknownRecordKindError extends Error {
  readonly code = 'record_kind_unknown';
  constructor(kind: string) {
    super(`unknown record kind "${kind}"`);
  }
}

/** Constraint and validation errors: retrying the same write cannot succeed. */
export function isPermanentDbError(err: unknown): boolean {
  if (err instanceof UnknownRecordKindError) return true;
  if (isPermanentPgError(err)) return true;
  const e = err as { name?: string; code?: unknown };
  if (e?.name === 'PrismaClientValidationError') return true;
  // P2xxx are request errors (unique, foreign key, record not found…), except timeouts and
  // transaction conflicts, which a retry may get past.
  return typeof e?.code === 'string' && /^P2\d{3}$/.test(e.code) && !['P2024', 'P2028', 'P2034', 'P2037'].includes(e.code);
}
