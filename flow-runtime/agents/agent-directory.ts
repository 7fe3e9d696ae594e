// Who can take a call right now. Registration and status come from the database (the
// registrar writes SipRegistration, the admin writes Agent.status); "on a call" is kept in
// memory by this runtime instance as legs are answered and end. Several runtime instances
// would each only know their own calls: scale-out moves the busy set to Redis (a set per
// organisation with a TTL per entry), behind this same class.
import type { PrismaClient } from '../../prisma/client';

export interface AgentPresence {
  agentId: string;
  name: string;
  status: 'available' | 'paused' | 'offline';
  /** Unexpired registration contacts, most recently refreshed first. */
  contacts: string[];
  reachable: boolean;
  onCall: boolean;
  /** reachable && status available && not on a call. */
  available: boolean;
}

export interface GroupMemberPresence extends AgentPresence {
  position: number;
  /** The member's ring time, else the group's default. */
  ringTimeSeconds: number;
}

export class AgentDirectory {
  /** agentId → the calls this instance has the agent on. */
  private readonly busy = new Map<string, Set<string>>();

  constructor(private readonly prisma: PrismaClient, private readonly now: () => number = Date.now) {}

  /** The agent's unexpired contact URIs (empty when not registered). */
  async contacts(agentId: string): Promise<string[]> {
    const rows = await this.prisma.sipRegistration.findMany({
      where: { agentId, expiresAt: { gt: new Date(this.now()) } },
      orderBy: { updatedAt: 'desc' },
      select: { contact: true },
    });
    return rows.map((r) => r.contact);
  }

  async isReachable(agentId: string): Promise<boolean> {
    return (await this.contacts(agentId)).length > 0;
  }

  async isAvailable(agentId: string): Promise<boolean> {
    return (await this.presence(agentId))?.available ?? false;
  }

  isOnCall(agentId: string): boolean {
    return (this.busy.get(agentId)?.size ?? 0) > 0;
  }

  /** An agent's leg was answered on `callId`. */
  markBusy(agentId: string, callId: string): void {
    let calls = this.busy.get(agentId);
    if (!calls) this.busy.set(agentId, (calls = new Set()));
    calls.add(callId);
  }

  /** That call's leg ended; the agent is free once no other call holds them. */
  markFree(agentId: string, callId: string): void {
    const calls = this.busy.get(agentId);
    if (!calls) return;
    calls.delete(callId);
    if (calls.size === 0) this.busy.delete(agentId);
  }

  async presence(agentId: string): Promise<AgentPresence | null> {
    const agent = await this.prisma.agent.findUnique({
      where: { id: agentId },
      select: {
        id: true, name: true, status: true,
        registrations: { where: { expiresAt: { gt: new Date(this.now()) } }, orderBy: { updatedAt: 'desc' }, select: { contact: true } },
      },
    });
    return agent ? this.toPresence(agent) : null;
  }

  /** The group's members in cascade order, with their ring times and presence. */
  async groupMembers(groupId: string): Promise<GroupMemberPresence[]> {
    const group = await this.prisma.queueGroup.findUnique({
      where: { id: groupId },
      select: {
        ringTimeSeconds: true,
        members: {
          orderBy: { position: 'asc' },
          select: {
            position: true, ringTimeSeconds: true,
            agent: {
              select: {
                id: true, name: true, status: true,
                registrations: { where: { expiresAt: { gt: new Date(this.now()) } }, orderBy: { updatedAt: 'desc' }, select: { contact: true } },
              },
            },
          },
        },
      },
    });
    if (!group) return [];
    return group.members.map((m) => ({
      ...this.toPresence(m.agent),
      position: m.position,
      ringTimeSeconds: m.ringTimeSeconds ?? group.ringTimeSeconds,
    }));
  }

  private toPresence(agent: { id: string; name: string; status: AgentPresence['status']; registrations: { contact: string }[] }): AgentPresence {
    const contacts = agent.registrations.map((r) => r.contact);
    const onCall = this.isOnCall(agent.id);
    const reachable = contacts.length > 0;
    return {
      agentId: agent.id, name: agent.name, status: agent.status, contacts, reachable, onCall,
      available: reachable && agent.status === 'available' && !onCall,
    };
  }
}
