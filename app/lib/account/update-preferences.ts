// A user's own preferences (PATCH /api/me): the admin's language, kept on the user so every
// device follows it once signed in (app/i18n/request.ts: the user's locale wins over the cookie).
import type { CurrentUser } from '@/app/lib/auth/current-user';
import type { AppLocale } from '@/app/i18n/config';
import { getPrisma } from '@/prisma/client';

export interface PreferencesInput {
  locale?: AppLocale;
}

export async function updateOwnPreferences(user: CurrentUser, input: PreferencesInput): Promise<CurrentUser> {
  if (input.locale === undefined || input.locale === user.locale) return user;
  await getPrisma().user.update({ where: { id: user.id }, data: { locale: input.locale } });
  return { ...user, locale: input.locale };
}
