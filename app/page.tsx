import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { getCurrentUser } from '@/app/lib/auth/current-user';

export default async function HomePage({ searchParams }: { searchParams: Promise<{ forbidden?: string }> }) {
  const user = await getCurrentUser(await headers());
  if (!user) redirect('/sign-in');
  redirect((await searchParams).forbidden ? '/flows?forbidden=1' : '/flows');
}
