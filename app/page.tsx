import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { getCurrentUser } from '@/app/lib/auth/current-user';
import { landingPath } from '@/app/components/sections';
import { CHANGE_PASSWORD_PATH } from '@/app/lib/auth/require-user';

export default async function HomePage({ searchParams }: { searchParams: Promise<{ forbidden?: string }> }) {
  const user = await getCurrentUser(await headers());
  if (!user) redirect('/sign-in');
  if (user.mustChangePassword) redirect(CHANGE_PASSWORD_PATH);
  // The flows page shows the "not allowed" notice (every role may open it).
  redirect((await searchParams).forbidden ? '/flows?forbidden=1' : landingPath(user.role));
}
