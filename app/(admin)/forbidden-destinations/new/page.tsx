import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { requireSection } from '../../require-section';
import { newForbiddenList } from '../list-data';
import { ForbiddenListEditor } from '../list-editor';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('forbidden'))('createTitle') };
}

export default async function NewForbiddenListPage() {
  const { editable } = await requireSection('forbidden');
  return <ForbiddenListEditor initial={newForbiddenList} editable={editable} />;
}
