import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { requireSection } from '../../require-section';
import { loadForbiddenList } from '../list-data';
import { ForbiddenListEditor } from '../list-editor';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('forbidden'))('editTitle') };
}

export default async function ForbiddenListPage({ params }: { params: Promise<{ id: string }> }) {
  const { user, editable } = await requireSection('forbidden');
  const list = await loadForbiddenList(user.organizationId, (await params).id);
  if (!list) notFound();
  return <ForbiddenListEditor initial={list} editable={editable} />;
}
