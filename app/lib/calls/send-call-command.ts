// POST /api/calls/:id/commands: the admin's end of the command channel (issue 13 item 5; the
// runtime's end is flow-runtime/calls/command-channel.ts). PostgreSQL is the channel: the
// command is a CallCommand row, inserted with its audit entry and a
// `pg_notify('relais_call_command', …)` in one transaction (delivered only once committed); the
// runtime holding the call claims it, runs it and writes the result, which this polls for.
//   - not claimed within claimTimeoutMs (no runtime holds the call, or none runs): the row is
//     marked expired and the answer is 504 COMMAND_EXPIRED;
//   - claimed but no result within resultTimeoutMs (longer for transfers, which ring their
//     target): 504 COMMAND_TIMEOUT (the command may still complete; the call's events tell);
//   - the runtime refused it: 409 COMMAND_REFUSED with its SIP-like status and reason
//     (501 COMMAND_NOT_SUPPORTED for a type it does not know).
import { ApiError } from '@/app/lib/api/errors';
import { recordAudit } from '@/app/lib/audit/record-audit';
import type { CurrentUser } from '@/app/lib/auth/current-user';
import { getPrisma, type PrismaClient } from '@/prisma/client';
import { commandableCall } from './call-access';

export const CALL_COMMAND_CHANNEL = 'relais_call_command';

export interface CallCommandInput {
  type: string;
  target?: Record<string, unknown>;
}

export interface CallCommandView {
  id: string;
  callId: string;
  type: string;
  status: 'done';
  /** What the runtime answered, e.g. the CallRecording id for recordStop. */
  detail: string | null;
}

export interface SendOptions {
  prisma?: PrismaClient;
  /** How long a runtime may take to claim the command (default CALL_COMMAND_CLAIM_MS or 5 s). */
  claimTimeoutMs?: number;
  /** How long to wait for its result (default 10 s; transfers 45 s). */
  resultTimeoutMs?: number;
  pollMs?: number;
}

const TRANSFERS = new Set(['transferCold', 'transferWarm', 'switch', 'complete', 'retrieve', 'conference']);

export function defaultClaimTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  const v = Number(env.CALL_COMMAND_CLAIM_MS);
  return Number.isFinite(v) && v > 0 ? v : 5000;
}

type Row = { status: string; result: unknown; claimedAt: Date | null };

export async function sendCallCommand(user: Pick<CurrentUser, 'id' | 'organizationId' | 'role'>, callId: string, input: CallCommandInput, options: SendOptions = {}): Promise<CallCommandView> {
  const prisma = options.prisma ?? getPrisma();
  const call = await commandableCall(prisma, user, callId);
  if (!call) throw new ApiError('NOT_FOUND', `Call ${callId} not found`, { details: { messageKey: 'calls.commandErrors.notFound' } });
  if (call.endedAt) throw new ApiError('CALL_NOT_LIVE', 'This call has ended; commands go to calls in progress', { details: { messageKey: 'calls.commandErrors.ended' } });
  if (input.target) await assertTargetInOrganization(prisma, user.organizationId, input.target);
  const claimMs = options.claimTimeoutMs ?? defaultClaimTimeoutMs();
  const resultMs = options.resultTimeoutMs ?? (TRANSFERS.has(input.type) ? 45_000 : 10_000);
  const payload: Record<string, unknown> = input.target ? { target: input.target } : {};
  const command = await prisma.$transaction(async (tx) => {
    const row = await tx.callCommand.create({
      data: { organizationId: user.organizationId, callId, type: input.type, payload: payload as object, requestedById: user.id, expiresAt: new Date(Date.now() + claimMs) },
      select: { id: true },
    });
    await recordAudit(tx, user, { action: 'command', entityType: 'call', entityId: callId, details: { commandId: row.id, type: input.type, ...payload } });
    await tx.$executeRaw`SELECT pg_notify(${CALL_COMMAND_CHANNEL}, ${JSON.stringify({ id: row.id, callId })})`;
    return row;
  });
  const row = await waitForResult(prisma, command.id, claimMs, resultMs, options.pollMs ?? 100);
  const result = (row.result ?? {}) as { ok?: boolean; status?: number; reason?: string; detail?: string };
  if (row.status === 'done') return { id: command.id, callId, type: input.type, status: 'done', detail: result.detail ?? null };
  if (row.status === 'failed') {
    const details = { commandId: command.id, status: result.status ?? null, reason: result.reason ?? null };
    if (result.status === 501) throw new ApiError('COMMAND_NOT_SUPPORTED', `The runtime does not support the command ${input.type}`, { details: { ...details, messageKey: 'calls.commandErrors.notSupported' } });
    if (result.status === 404 || result.status === 410) throw new ApiError('CALL_NOT_LIVE', 'This call is no longer in progress', { details: { ...details, messageKey: 'calls.commandErrors.ended' } });
    throw new ApiError('COMMAND_REFUSED', `The call refused ${input.type}: ${result.reason ?? 'refused'}`, { details: { ...details, messageKey: 'calls.commandErrors.refused' } });
  }
  if (row.status === 'expired') {
    throw new ApiError('COMMAND_EXPIRED', `No call runtime took the command within ${claimMs} ms: the call is not held by a running runtime`, { details: { commandId: command.id, messageKey: 'calls.commandErrors.expired' } });
  }
  throw new ApiError('COMMAND_TIMEOUT', `The call runtime took the command but gave no result within ${resultMs} ms; it may still complete`, { details: { commandId: command.id, messageKey: 'calls.commandErrors.timeout' } });
}

/** A transfer target naming an object (agent, group, flow, contact) must be one of the organisation's: 400 at its field. */
async function assertTargetInOrganization(prisma: PrismaClient, organizationId: string, target: Record<string, unknown>): Promise<void> {
  const kind = target.kind;
  const field = kind === 'agent' ? 'agentId' : kind === 'group' ? 'groupId' : kind === 'flow' ? 'flowId' : kind === 'contact' ? 'contactId' : null;
  if (!field) return;
  const id = String(target[field]);
  const where = { id, organizationId };
  const found =
    kind === 'agent' ? await prisma.agent.count({ where })
    : kind === 'group' ? await prisma.queueGroup.count({ where })
    : kind === 'flow' ? await prisma.flow.count({ where: { ...where, deletedAt: null } })
    : await prisma.contact.count({ where });
  if (found === 0) {
    const path = `/target/${field}`;
    const message = `no ${kind} ${id} in your organisation`;
    throw new ApiError('VALIDATION_FAILED', `${path}: ${message}`, { path, problems: [{ severity: 'error', code: 'target.unknown', message, path }] });
  }
}

/** Polls the row until it is done/failed, expiring it if nobody claimed it in time. */
export async function waitForResult(prisma: PrismaClient, id: string, claimMs: number, resultMs: number, pollMs: number): Promise<Row> {
  const started = Date.now();
  for (;;) {
    const row = await prisma.callCommand.findUniqueOrThrow({ where: { id }, select: { status: true, result: true, claimedAt: true } });
    if (row.status === 'done' || row.status === 'failed' || row.status === 'expired') return row;
    const waited = Date.now() - started;
    if (row.status === 'pending' && waited >= claimMs) {
      // Only a still-pending row expires: a runtime claiming it at this very moment wins.
      const expired = await prisma.callCommand.updateMany({ where: { id, status: 'pending' }, data: { status: 'expired', finishedAt: new Date() } });
      if (expired.count === 1) return { ...row, status: 'expired' };
      continue;
    }
    if (row.status === 'running' && waited >= claimMs + resultMs) return row;
    await new Promise((r) => setTimeout(r, pollMs));
  }
}
