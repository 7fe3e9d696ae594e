// The message catalogues live in /messages/<locale>.json (one file per language, same keys).
import type { AppLocale } from './config';

export async function loadMessages(locale: AppLocale) {
  switch (locale) {
    case 'en':
      return (await import('@/messages/en.json')).default;
    default:
      return (await import('@/messages/fr.json')).default;
  }
}
