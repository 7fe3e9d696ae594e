// Tells the admin pages (the agents page) that an agent's phones changed: after a binding is
// added, refreshed or removed (REGISTER, unREGISTER, expiry purge), the live event
// `agent.registrations` { agentId, registrations: [{ contact, userAgent, source, expiresAt }] }
// goes to supervisors and admins (and the agent), with every binding the registrar holds for the
// agent. A binding that lapses shows as expired in the browser by itself (it has expiresAt) until
// the purge deletes it, whose event removes it. Never throws (flow-runtime/live/publish.ts drops the event on failure).
import type { PrismaClient } from '../../prisma/client';
import type { Logger } from '../calls/sip-types';
import { publishLive } from '../live/publish';

export const REGISTRATIONS_EVENT = 'agent.registrations';

export interface RegistrationView {
  contact: string;
  userAgent: string | null;
  /** `udp:203.0.113.7:5062`: where the REGISTER came from. */
  source: string | null;
  expiresAt: string;
}

/** The bindings the registrar holds for an agent (expired ones until the purge), oldest first, and its organisation (null when the agent is gone). */
export async function agentRegistrations(prisma: PrismaClient, agentId: string): Promise<{ organizationId: string; registrations: RegistrationView[] } | null> {
  const agent = await prisma.agent.findUnique({
    where: { id: agentId },
    select: {
      organizationId: true,
      registrations: { orderBy: { createdAt: 'asc' }, select: { contact: true, userAgent: true, source: true, expiresAt: true } },
    },
  });
  if (!agent) return null;
  return { organizationId: agent.organizationId, registrations: agent.registrations.map((r) => ({ ...r, expiresAt: r.expiresAt.toISOString() })) };
}

export async function publishRegistrations(prisma: PrismaClient, agentId: string, log?: Logger): Promise<void> {
  try {
    const current = await agentRegistrations(prisma, agentId);
    if (!current) return;
    await publishLive(prisma, { o: current.organizationId, a: [agentId], t: REGISTRATIONS_EVENT, d: { agentId, registrations: current.registrations } }, log);
  } catch (err) {
    log?.warn({ err, agentId }, 'registrar: registrations event not published');
  }
}
