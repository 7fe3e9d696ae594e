// The command channel's hook for `originate` commands (command-channel.ts `originate`).
import type { CommandResult } from '../call-control/commands';
import type { CallServices } from '../run-call';
import { originateCall, type OriginateOptions } from './originate-call';

const text = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 && v.length <= 200 ? v : null);

export function originateHandler(services: CallServices, options: OriginateOptions = {}) {
  return (command: { id: string; organizationId: string; requestedById: string | null; payload: Record<string, unknown> }): Promise<CommandResult> => {
    const p = command.payload;
    const agentId = text(p.agentId);
    const groupId = text(p.groupId);
    const number = text(p.number);
    if (!agentId || !groupId || !number) return Promise.resolve({ ok: false, status: 400, reason: 'agentId, groupId and number are required' });
    return originateCall(services, {
      commandId: command.id, organizationId: command.organizationId, requestedById: command.requestedById,
      agentId, groupId, number, contactId: text(p.contactId), contactName: text(p.contactName),
    }, options);
  };
}

export { originateCall, type OriginateRequest, type OriginateOptions } from './originate-call';
