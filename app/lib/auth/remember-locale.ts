// After an email sign-in, the language cookie takes the user's saved language, so the pages
// seen signed out (sign-in, after sign-out) stay in the language the user works in rather
// than the browser's.
import { isAppLocale, localeCookieName } from '@/app/i18n/config';
import { getPrisma } from '@/prisma/client';

const ONE_YEAR_S = 365 * 24 * 3600;

export async function rememberLocale(response: Response): Promise<Response> {
  if (!response.ok) return response;
  const body = (await response
    .clone()
    .json()
    .catch(() => null)) as { user?: { email?: unknown } } | null;
  const email = body?.user?.email;
  if (typeof email !== 'string') return response;
  const user = await getPrisma().user.findUnique({ where: { email }, select: { locale: true } });
  if (!user?.locale || !isAppLocale(user.locale)) return response;
  const headers = new Headers(response.headers);
  headers.append('set-cookie', `${localeCookieName}=${user.locale}; Path=/; Max-Age=${ONE_YEAR_S}; SameSite=Lax`);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}
