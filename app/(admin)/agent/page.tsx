// /agent: the agent console. Any signed-in user linked to an agent (Agent.userId) uses it;
// others get an explanation (the console reads GET /api/agent/me, 404 NOT_AN_AGENT).
import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { PageHeader } from '@/app/components/page-header';
import { requireSection } from '../require-section';
import { AgentConsole } from './agent-console';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('agentConsole');
  return { title: t('title') };
}

export default async function AgentConsolePage() {
  await requireSection('agent');
  const t = await getTranslations('agentConsole');
  return (
    <>
      <PageHeader title={t('title')} intro={t('description')} />
      <AgentConsole />
    </>
  );
}
