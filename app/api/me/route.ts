import { withApi } from '@/app/lib/api/handler';
import { validateBody } from '@/app/lib/api/validate-body';
import { updateOwnPreferences, type PreferencesInput } from '@/app/lib/account/update-preferences';
import { localeCookieName } from '@/app/i18n/config';

export const dynamic = 'force-dynamic';

const ONE_YEAR_S = 60 * 60 * 24 * 365;

/** The caller: id, email, name, role, organizationId, locale, mustChangePassword, and how they authenticated. */
export const GET = withApi({}, async (_req, { user }) => user);

/** The caller's own preferences (their language). From a browser, the language cookie follows, so the sign-in page keeps it too. */
export const PATCH = withApi({}, async (req, { user }) => {
  const updated = await updateOwnPreferences(user, await validateBody<PreferencesInput>(req, 'MeUpdate'));
  const response = Response.json(updated, { headers: { 'cache-control': 'no-store' } });
  if (user.via === 'session') {
    response.headers.append('set-cookie', `${localeCookieName}=${updated.locale}; Path=/; Max-Age=${ONE_YEAR_S}; SameSite=Lax`);
  }
  return response;
});
