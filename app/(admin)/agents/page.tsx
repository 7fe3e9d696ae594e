import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { getPrisma } from '@/prisma/client';
import { requireSection } from '../require-section';
import { AgentsList, type AgentRow } from './agents-list';

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
  return <AgentsList agents={agents satisfies AgentRow[]} editable={editable} />;
}
