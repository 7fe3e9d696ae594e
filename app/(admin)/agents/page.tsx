import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { getPrisma } from '@/prisma/client';
import { requireSection } from '../require-section';
import { listSipSecurity } from '@/app/lib/sip-security/list-sip-security';
import { AgentsList, type AgentRow } from './agents-list';
import { SipSecuritySection } from './sip-security-section';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('agents'))('title') };
}

export default async function AgentsPage() {
  const { user, editable } = await requireSection('agents');
  const agents = await getPrisma().agent.findMany({
    where: { organizationId: user.organizationId },
    orderBy: { name: 'asc' },
    // Never the HA1: the SIP secret does not leave the server.
    select: { id: true, name: true, extension: true, sipUsername: true, status: true },
  });
  // Failed SIP authentications and bans (issue 11): admins only, like GET /api/sip-security.
  const security = user.role === 'admin' ? await listSipSecurity(user) : null;
  return (
    <>
      <AgentsList agents={agents satisfies AgentRow[]} editable={editable} />
      {security && <SipSecuritySection view={security} />}
    </>
  );
}
