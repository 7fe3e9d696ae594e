import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { requireSection } from '../../require-section';
import { listAgentOptions, loadGroup } from '../group-data';
import { GroupEditor } from '../group-editor';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('groups'))('editTitle') };
}

export default async function GroupPage({ params }: { params: Promise<{ id: string }> }) {
  const { user, editable } = await requireSection('groups');
  const [group, agents] = await Promise.all([loadGroup(user.organizationId, (await params).id), listAgentOptions(user.organizationId)]);
  if (!group) notFound();
  return <GroupEditor initial={group} agents={agents} editable={editable} />;
}
