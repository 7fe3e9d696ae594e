import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { listContacts } from '@/app/lib/contacts/list-contacts';
import { requireSection } from '../require-section';
import { ContactsList } from './contacts-list';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('contacts'))('title') };
}

/** The directory: ?q= searches (name, company, email, any spelling of a number), ?cursor= pages on. */
export default async function ContactsPage({ searchParams }: { searchParams: Promise<{ q?: string; cursor?: string }> }) {
  const { user, editable } = await requireSection('contacts');
  const { q = '', cursor } = await searchParams;
  const page = await listContacts(user, { q: q.slice(0, 200), cursor }).catch(() => listContacts(user, { q: q.slice(0, 200) }));
  return <ContactsList contacts={JSON.parse(JSON.stringify(page.contacts))} nextCursor={page.nextCursor} query={q} paged={Boolean(cursor)} editable={editable} />;
}
