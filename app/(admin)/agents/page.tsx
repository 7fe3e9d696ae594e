import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { getPrisma } from '@/prisma/client';
import { requireSection } from '../require-section';
import { listSipSecurity } from '@/app/lib/sip-security/list-sip-security';
import { AgentsList, type AgentRow } from './agents-list';
import { presenceOf } from './presence';
import { SipSecuritySection } from './sip-security-section';
import { PauseReasonsSection } from './pause-reasons-section';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('agents'))('title') };
}

export default async function AgentsPage() {
  const { user, editable } = await requireSection('agents');
  const agents = await getPrisma().agent.findMany({
    where: { organizationId: user.organizationId },
    orderBy: { name: 'asc' },
    // Never the HA1: the SIP secret does not leave the server.
    select: {
      id: true, name: true, extension: true, sipUsername: true, status: true, userId: true,
      lockStatus: true, lockedByName: true, pauseReason: { select: { label: true } }, lockPauseReason: { select: { label: true } },
      activity: true,
      // Registered phones (issue 16): user agent, where they registered from, until when (an
      // expired one shows as such until the registrar's purge removes it, as its live events).
      registrations: { orderBy: { createdAt: 'asc' }, select: { contact: true, userAgent: true, source: true, expiresAt: true } },
    },
  });
  // users an agent can be linked to (one agent per user), and the pause reasons (issue 14)
  const [users, pauseReasons] = await Promise.all([
    getPrisma().user.findMany({ where: { organizationId: user.organizationId }, orderBy: { name: 'asc' }, select: { id: true, name: true, email: true } }),
    getPrisma().pauseReason.findMany({ where: { organizationId: user.organizationId }, orderBy: [{ position: 'asc' }, { createdAt: 'asc' }], select: { id: true, label: true, position: true } }),
  ]);
  const rows: AgentRow[] = agents.map((a) => {
    const lock = a.lockStatus ? { status: a.lockStatus, byUserName: a.lockedByName, pauseReason: a.lockPauseReason?.label ?? null } : null;
    const pauseReason = a.pauseReason?.label ?? null;
    return {
      id: a.id, name: a.name, extension: a.extension, sipUsername: a.sipUsername, status: a.status, userId: a.userId, pauseReason, lock,
      presence: presenceOf({ status: a.status, activity: a.activity, pauseReason, lock }),
      phones: a.registrations.map((r) => ({ ...r, expiresAt: r.expiresAt.toISOString() })),
    };
  });
  const canLock = user.role === 'admin' || user.role === 'supervisor';
  // Failed SIP authentications and bans (issue 11): admins only, like GET /api/sip-security.
  const security = user.role === 'admin' ? await listSipSecurity(user) : null;
  return (
    <>
      <AgentsList agents={rows} users={users} pauseReasons={pauseReasons} editable={editable} canLock={canLock} />
      <PauseReasonsSection reasons={pauseReasons} editable={editable} />
      {security && <SipSecuritySection view={security} />}
    </>
  );
}
