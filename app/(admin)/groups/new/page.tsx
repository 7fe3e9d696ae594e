import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { requireSection } from '../../require-section';
import { listAgentOptions } from '../group-data';
import { GroupEditor } from '../group-editor';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('groups'))('createTitle') };
}

export default async function NewGroupPage() {
  const { user, editable } = await requireSection('groups');
  const agents = await listAgentOptions(user.organizationId);
  return <GroupEditor initial={{ name: '', ringTimeSeconds: 20, color: '#4f7cac', wrapUpSeconds: 0, serviceLevelSeconds: 20, members: [] }} agents={agents} editable={editable} />;
}
