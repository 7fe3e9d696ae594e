'use server';
// The language switch: remembers the choice in the NEXT_LOCALE cookie and, for a signed-in
// user, in their profile (the user's saved locale wins over the cookie on later requests).
import { cookies, headers } from 'next/headers';
import { getCurrentUser } from '@/app/lib/auth/current-user';
import { writeOriginProblem } from '@/app/lib/security/write-origin';
import { getPrisma } from '@/prisma/client';
import { isAppLocale, localeCookieName } from './config';

const oneYearInSeconds = 60 * 60 * 24 * 365;

export async function setLocaleAction(locale: string): Promise<void> {
  if (!isAppLocale(locale)) return;
  (await cookies()).set(localeCookieName, locale, { path: '/', maxAge: oneYearInSeconds, sameSite: 'lax' });
  const requestHeaders = await headers();
  // Next refuses a server action from a foreign Origin but lets one without Origin through:
  // change the stored profile only for a request our own page sent (see write-origin.ts).
  if (writeOriginProblem('POST', requestHeaders)) return;
  const user = await getCurrentUser(requestHeaders).catch(() => null);
  if (user && user.locale !== locale) {
    await getPrisma().user.update({ where: { id: user.id }, data: { locale } });
  }
}
