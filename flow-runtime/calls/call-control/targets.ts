// Where a cold transfer goes (issue 13 item 2): each TransferTarget resolved for the call's
// organisation into something to ring (an agent, a group's available members, a number through
// the trunk) or a flow the caller enters, else the status answered to the command / REFER.
// - agent by id, extension: an agent of the organisation (an unknown extension is read as a number);
// - group: a group of the organisation; its AVAILABLE members, in group order, with their ring
//   times (member's, else the group's); strategy from the command, else from the call's flow (a
//   queue-group step of that group in cascade), else simultaneous;
// - flow: a flow of the organisation with a published version (its latest);
// - contact: a contact of the organisation's directory, dialled on its first number (position order);
// - number (and a contact's number): one of the organisation's own PhoneNumbers → the caller goes
//   into that number's flow (no toll, nothing dialled out); else judged by the call's transfer
//   policy in the form the trunk dials (403 forbidden, 404 unusable, 503 no trunk).
// Anything of another organisation, or missing, is 404: the caller stays with the agent.
import type { PrismaClient } from '../../../prisma/client';
import type { AgentDirectory } from '../../agents/agent-directory';
import { judgeDestination } from '../../interpreter/transfer-policy';
import type { LoadedFlow, TransferPolicy } from '../../interpreter';
import type { FlowStore } from '../flow-store';
import type { CommandResult, TransferTarget } from './commands';

export type GroupStrategy = 'simultaneous' | 'cascade';

export interface GroupMemberToRing {
  agentId: string;
  ringMs: number;
}

/** A resolved target. */
export type Destination =
  | { kind: 'agent'; agentId: string }
  | { kind: 'number'; number: string; contact: ContactRef | null }
  | { kind: 'group'; groupId: string; name: string; strategy: GroupStrategy; ringMs: number; members: GroupMemberToRing[] }
  | { kind: 'flow'; flowId: string; flow: LoadedFlow; number: string | null; contact: ContactRef | null };

export interface ContactRef {
  contactId: string;
  name: string;
}

/** What the resolution reads, already limited to the call's organisation. */
export interface TargetLookup {
  /** The agent belongs to the organisation. */
  agent(agentId: string): Promise<boolean>;
  extension(extension: string): Promise<string | null>;
  group(groupId: string): Promise<{ id: string; name: string; ringTimeSeconds: number } | null>;
  /** The flow's latest published version, or null (none, deleted, another organisation). */
  flow(flowId: string): Promise<LoadedFlow | null>;
  /** The contact with its first number, or null. */
  contact(contactId: string): Promise<{ id: string; name: string; number: string | null } | null>;
  /** One of the organisation's own numbers (E.164), with the flow it routes to. */
  ownNumber(e164: string): Promise<{ flowId: string | null } | null>;
}

export interface ResolveContext {
  lookup: TargetLookup;
  directory: AgentDirectory;
  policy: TransferPolicy;
  hasTrunk: boolean;
  /** The strategy of a queue-group step of that group in the call's flow, if any. */
  flowStrategy(groupId: string): GroupStrategy | null;
}

const NOT_FOUND: CommandResult = { ok: false, status: 404, reason: 'Not Found' };

export async function resolveTarget(target: TransferTarget, ctx: ResolveContext): Promise<Destination | CommandResult> {
  switch (target.kind) {
    case 'agent':
      return (await ctx.lookup.agent(target.agentId)) ? { kind: 'agent', agentId: target.agentId } : NOT_FOUND;
    case 'extension': {
      const agentId = await ctx.lookup.extension(target.extension);
      return agentId ? { kind: 'agent', agentId } : resolveNumber(target.extension, null, ctx);
    }
    case 'number':
      return resolveNumber(target.number, null, ctx);
    case 'contact': {
      const contact = await ctx.lookup.contact(target.contactId);
      if (!contact?.number) return NOT_FOUND;
      return resolveNumber(contact.number, { contactId: contact.id, name: contact.name }, ctx);
    }
    case 'flow': {
      const flow = await ctx.lookup.flow(target.flowId);
      return flow ? { kind: 'flow', flowId: target.flowId, flow, number: null, contact: null } : NOT_FOUND;
    }
    case 'group': {
      const group = await ctx.lookup.group(target.groupId);
      if (!group) return NOT_FOUND;
      const members = (await ctx.directory.groupMembers(group.id)).filter((m) => m.available);
      return {
        kind: 'group', groupId: group.id, name: group.name,
        strategy: target.strategy ?? ctx.flowStrategy(group.id) ?? 'simultaneous',
        ringMs: group.ringTimeSeconds * 1000,
        members: members.map((m) => ({ agentId: m.agentId, ringMs: m.ringTimeSeconds * 1000 })),
      };
    }
  }
}

async function resolveNumber(raw: string, contact: ContactRef | null, ctx: ResolveContext): Promise<Destination | CommandResult> {
  const judged = judgeDestination(ctx.policy, raw);
  // One of our own numbers: the caller enters its flow (checked before the policy: nothing is dialled out).
  if (judged.dial) {
    const own = await ctx.lookup.ownNumber(judged.dial);
    if (own) {
      const flow = own.flowId ? await ctx.lookup.flow(own.flowId) : null;
      return flow && own.flowId ? { kind: 'flow', flowId: own.flowId, flow, number: judged.dial, contact } : NOT_FOUND;
    }
  }
  if (judged.reason) return { ok: false, status: 403, reason: 'Forbidden' };
  if (!judged.dial) return NOT_FOUND;
  if (!ctx.hasTrunk) return { ok: false, status: 503, reason: 'No Trunk' };
  return { kind: 'number', number: judged.dial, contact };
}

/** What a transfer event records about where it went. */
export function destinationRecord(dest: Destination): Record<string, unknown> {
  switch (dest.kind) {
    case 'agent':
      return { targetKind: 'agent', toAgentId: dest.agentId };
    case 'number':
      return { targetKind: dest.contact ? 'contact' : 'number', number: dest.number, ...contactRecord(dest.contact) };
    case 'group':
      return { targetKind: 'group', groupId: dest.groupId, groupName: dest.name, strategy: dest.strategy, members: dest.members.map((m) => m.agentId) };
    case 'flow':
      return { targetKind: 'flow', flowId: dest.flowId, ...(dest.number ? { number: dest.number } : {}), ...contactRecord(dest.contact) };
  }
}

function contactRecord(contact: ContactRef | null): Record<string, unknown> {
  return contact ? { contactId: contact.contactId, contactName: contact.name } : {};
}

/** The strategy of the first queue-group step of `groupId` in `flow` ringing in cascade or simultaneously. */
export function strategyInFlow(flow: LoadedFlow, groupId: string): GroupStrategy | null {
  for (const node of flow.nodes.values()) {
    if (node.type !== 'queue-group') continue;
    const config = node.config as { groupId?: string; strategy?: string };
    if (config.groupId !== groupId) continue;
    if (config.strategy === 'cascade') return 'cascade';
    if (config.strategy === 'simultaneous' || config.strategy === undefined) return 'simultaneous';
  }
  return null;
}

/** The lookup over the database, limited to one organisation. */
export function prismaTargetLookup(prisma: PrismaClient, flows: FlowStore, organizationId: string): TargetLookup {
  return {
    agent: async (agentId) => (await prisma.agent.count({ where: { id: agentId, organizationId } })) > 0,
    extension: async (extension) => (await prisma.agent.findFirst({ where: { organizationId, extension }, select: { id: true } }))?.id ?? null,
    group: (groupId) => prisma.queueGroup.findFirst({ where: { id: groupId, organizationId }, select: { id: true, name: true, ringTimeSeconds: true } }),
    flow: async (flowId) => (await flows.latestPublished(flowId, organizationId).catch(() => null))?.flow ?? null,
    contact: async (contactId) => {
      const row = await prisma.contact.findFirst({
        where: { id: contactId, organizationId },
        select: { id: true, name: true, numbers: { orderBy: { position: 'asc' }, take: 1, select: { number: true, canonical: true } } },
      });
      if (!row) return null;
      const first = row.numbers[0];
      return { id: row.id, name: row.name, number: first ? first.canonical || first.number : null };
    },
    ownNumber: (e164) => prisma.phoneNumber.findFirst({ where: { e164, organizationId }, select: { flowId: true } }),
  };
}
