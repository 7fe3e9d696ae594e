// The admin's languages. The locale is never in the URL: it comes from the signed-in user's
// preference, else the NEXT_LOCALE cookie, else the browser's Accept-Language, else French.
export const locales = ['fr', 'en'] as const;
export type AppLocale = (typeof locales)[number];
export const defaultLocale: AppLocale = 'fr';
export const localeCookieName = 'NEXT_LOCALE';

export function isAppLocale(value: unknown): value is AppLocale {
  return typeof value === 'string' && (locales as readonly string[]).includes(value);
}
