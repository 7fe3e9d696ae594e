import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { getPrisma } from '@/prisma/client';
import { requireSection } from '../require-section';
import { listSipSecurity } from '@/app/lib/sip-security/list-sip-security';
import { AgentsList, type AgentRow } from './agents-list';
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
    },
  });
  // users an agent can be linked to (one agent per user), and the pause reasons (issue 14)
  const [users, pauseReasons] = await Promise.all([
    getPrisma().user.findMany({ where: { organizationId: user.organizationId }, orderBy: { name: 'asc' }, select: { id: true, name: true, email: true } }),
    getPrisma().pauseReason.findMany({ where: { organizationId: user.organizationId }, orderBy: [{ position: 'asc' }, { createdAt: 'asc' }], select: { id: true, label: true, position: true } }),
  ]);
  const rows: AgentRow[] = agents.map((a) => ({
    id: a.id, name: a.name, extension: a.extension, sipUsername: a.sipUsername, status: a.status, userId: a.userId,
    pauseReason: a.pauseReason?.label ?? null,
    lock: a.lockStatus ? { status: a.lockStatus, byUserName: a.lockedByName, pauseReason: a.lockPauseReason?.label ?? null } : null,
  }));
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
