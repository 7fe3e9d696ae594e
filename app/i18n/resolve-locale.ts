// Picks the UI language for a request. Pure, so it is unit-tested without Next.js.
import { defaultLocale, isAppLocale, locales, type AppLocale } from './config';

export interface LocaleSources {
  /** The signed-in user's saved preference, if any. */
  userLocale?: string | null;
  /** The NEXT_LOCALE cookie set by the language switch. */
  cookieLocale?: string | null;
  /** The raw Accept-Language header. */
  acceptLanguage?: string | null;
}

export function resolveLocale({ userLocale, cookieLocale, acceptLanguage }: LocaleSources): AppLocale {
  if (isAppLocale(userLocale)) return userLocale;
  if (isAppLocale(cookieLocale)) return cookieLocale;
  return localeFromAcceptLanguage(acceptLanguage) ?? defaultLocale;
}

/** The best supported language of an Accept-Language header ("en-GB,en;q=0.9,fr;q=0.8"). */
export function localeFromAcceptLanguage(header: string | null | undefined): AppLocale | undefined {
  if (!header) return undefined;
  const ranked = header
    .split(',')
    .map((part, index) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { language: tag.trim().toLowerCase().split('-')[0], quality: q ? Number(q.slice(2)) : 1, index };
    })
    .filter((entry) => entry.language && !Number.isNaN(entry.quality) && entry.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  return ranked.map((entry) => entry.language).find((language): language is AppLocale => isAppLocale(language)) ??
    undefined;
}

export { locales };
