import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { getCurrentUser } from '@/app/lib/auth/current-user';
import { landingPath } from '@/app/components/sections';

export default async function HomePage({ searchParams }: { searchParams: Promise<{ forbidden?: string }> }) {
  const user = await getCurrentUser(await headers());
  if (!user) redirect('/sign-in');
  // The flows page shows the "not allowed" notice (every role may open it).
  redirect((await searchParams).forbidden ? '/flows?forbidden=1' : landingPath(user.role));
}
