// POST /api/agent/me/calls (C3): an outgoing call by the signed-in agent. The admin writes an
// `originate` CallCommand (callId null) with its audit entry and a NOTIFY in one transaction; any
// runtime claims it (flow-runtime/calls/originate/), creates the Call, rings the agent's phones and
// answers as soon as they ring: 202 { callId }. Refusals come back from the runtime before anything
// rang: 403 FORBIDDEN_DESTINATION (the organisation's forbidden lists), 409 AGENT_UNAVAILABLE (no
// registered phone: SIP 480, busy 486, not answered), 400 at /to/number for a number that cannot be
// dialled; no runtime → 504 COMMAND_EXPIRED.
import { ApiError } from '@/app/lib/api/errors';
import { recordAudit } from '@/app/lib/audit/record-audit';
import type { CurrentUser } from '@/app/lib/auth/current-user';
import { CALL_COMMAND_CHANNEL, defaultClaimTimeoutMs, waitForResult, type SendOptions } from '@/app/lib/calls/send-call-command';
import { getPrisma } from '@/prisma/client';
import { currentAgent } from './current-agent';

export interface OriginateCallInput {
  to: { number: string } | { contactId: string };
  groupId: string;
}

function invalid(path: string, message: string, messageKey?: string): ApiError {
  return new ApiError('VALIDATION_FAILED', `${path}: ${message}`, { path, problems: [{ severity: 'error', code: 'originate.invalid', message, path }], ...(messageKey ? { details: { messageKey } } : {}) });
}

export async function originateCall(user: Pick<CurrentUser, 'id' | 'organizationId' | 'role'>, input: OriginateCallInput, options: SendOptions = {}): Promise<{ callId: string }> {
  const prisma = options.prisma ?? getPrisma();
  const agent = await currentAgent(prisma, user);
  const { organizationId } = agent;
  if (!(await prisma.queueGroup.count({ where: { id: input.groupId, organizationId } }))) throw invalid('/groupId', `no group ${input.groupId} in your organisation`);
  let number: string;
  let contact: { id: string; name: string } | null = null;
  if ('contactId' in input.to) {
    const row = await prisma.contact.findFirst({
      where: { id: input.to.contactId, organizationId },
      select: { id: true, name: true, numbers: { orderBy: { position: 'asc' }, take: 1, select: { canonical: true } } },
    });
    if (!row) throw invalid('/to/contactId', `no contact ${input.to.contactId} in your organisation`);
    if (row.numbers.length === 0) throw invalid('/to/contactId', 'this contact has no phone number', 'calls.originateErrors.noNumber');
    number = row.numbers[0].canonical;
    contact = { id: row.id, name: row.name };
  } else {
    number = input.to.number.replace(/[\s.\-()]/g, '');
    // a number of a contact of the organisation shows that contact's name on the agent's phone
    const known = await prisma.contactNumber.findFirst({ where: { organizationId, OR: [{ canonical: number }, { number: input.to.number }] }, select: { contact: { select: { id: true, name: true } } } });
    contact = known?.contact ?? null;
  }
  const claimMs = options.claimTimeoutMs ?? defaultClaimTimeoutMs();
  // the agent's phones ring for up to 30 s before the runtime answers 480
  const resultMs = options.resultTimeoutMs ?? 40_000;
  const payload = { agentId: agent.id, groupId: input.groupId, number, contactId: contact?.id ?? null, contactName: contact?.name ?? null };
  const command = await prisma.$transaction(async (tx) => {
    const row = await tx.callCommand.create({
      data: { organizationId, callId: null, type: 'originate', payload, requestedById: user.id, expiresAt: new Date(Date.now() + claimMs) },
      select: { id: true },
    });
    await recordAudit(tx, user, { action: 'command', entityType: 'call', entityId: row.id, details: { commandId: row.id, type: 'originate', ...payload } });
    await tx.$executeRaw`SELECT pg_notify(${CALL_COMMAND_CHANNEL}, ${JSON.stringify({ id: row.id, callId: null, type: 'originate' })})`;
    return row;
  });
  const row = await waitForResult(prisma, command.id, claimMs, resultMs, options.pollMs ?? 100);
  const result = (row.result ?? {}) as { ok?: boolean; status?: number; reason?: string; detail?: string };
  if (row.status === 'done' && result.detail) return { callId: result.detail };
  const details = { commandId: command.id, status: result.status ?? null, reason: result.reason ?? null };
  if (row.status === 'failed') {
    if (result.status === 403) throw new ApiError('FORBIDDEN_DESTINATION', `${number} may not be called: it is on a forbidden list of your organisation`, { details: { ...details, messageKey: 'calls.originateErrors.forbidden' } });
    if (result.status === 480 || result.status === 486 || result.status === 408 || result.status === 487) {
      throw new ApiError('AGENT_UNAVAILABLE', `Your phone did not ring or answer (${result.reason ?? 'unavailable'})`, { details: { ...details, messageKey: 'calls.originateErrors.agentUnavailable' } });
    }
    if (result.status === 404) throw invalid('/to/number', `${number} is not a number that can be dialled`, 'calls.originateErrors.invalidNumber');
    throw new ApiError('COMMAND_REFUSED', `The call could not be placed: ${result.reason ?? 'refused'}`, { details: { ...details, messageKey: 'calls.originateErrors.refused' } });
  }
  if (row.status === 'expired') {
    throw new ApiError('COMMAND_EXPIRED', `No call runtime took the call within ${claimMs} ms`, { details: { commandId: command.id, messageKey: 'calls.commandErrors.expired' } });
  }
  throw new ApiError('COMMAND_TIMEOUT', `The call runtime took the call but gave no answer within ${resultMs} ms`, { details: { commandId: command.id, messageKey: 'calls.commandErrors.timeout' } });
}
