import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { listUsers } from '@/app/lib/users/list-users';
import { getOutboundHttpSettings } from '@/app/lib/outbound-http/outbound-http-settings';
import { OutboundHttpSection } from './outbound-http-section';
import { requireSection } from '../require-section';
import { UsersList, type UserRow } from './users-list';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('users'))('title') };
}

export default async function UsersPage() {
  const { user, editable } = await requireSection('users');
  const users = await listUsers(user);
  const rows: UserRow[] = users.map((u) => ({ id: u.id, name: u.name, email: u.email, role: u.role, createdAt: u.createdAt.toISOString() }));
  // The organisation's outbound HTTP allow-list sits with the other admin-only settings.
  const outbound = user.role === 'admin' ? await getOutboundHttpSettings(user) : null;
  return (
    <>
      <UsersList users={rows} editable={editable} currentUserId={user.id} />
      {outbound && <OutboundHttpSection allowedHosts={outbound.allowedHosts} />}
    </>
  );
}
