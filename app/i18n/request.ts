// next-intl request configuration (wired by next.config.js): the locale and messages of the
// current request, for server components and, through NextIntlClientProvider, client ones.
import { cookies, headers } from 'next/headers';
import { getRequestConfig } from 'next-intl/server';
import { getCurrentUser } from '@/app/lib/auth/current-user';
import { localeCookieName } from './config';
import { resolveLocale } from './resolve-locale';
import { loadMessages } from './messages';
import editorEn from '@/app/flow-editor/messages/en.json';
import editorFr from '@/app/flow-editor/messages/fr.json';
import schemaTextEn from '@/schemas/messages/en.json';
import schemaTextFr from '@/schemas/messages/fr.json';

export default getRequestConfig(async () => {
  const [cookieStore, headerList] = await Promise.all([cookies(), headers()]);
  const user = await getCurrentUser(headerList).catch(() => null);
  const locale = resolveLocale({
    userLocale: user?.locale,
    cookieLocale: cookieStore.get(localeCookieName)?.value,
    acceptLanguage: headerList.get('accept-language'),
  });
  // The flow editor keeps its strings beside its code (app/flow-editor/messages), under `editor`.
  // The step schemas' field help texts and option names live beside them (schemas/messages), under `schemaText`.
  const messages = {
    ...(await loadMessages(locale)),
    editor: locale === 'en' ? editorEn : editorFr,
    schemaText: locale === 'en' ? schemaTextEn : schemaTextFr,
  };
  return { locale, messages, timeZone: 'Europe/Paris' };
});
