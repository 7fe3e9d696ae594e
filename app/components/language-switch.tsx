'use client';
import { useLocale, useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useTransition } from 'react';
import { locales } from '@/app/i18n/config';
import { setLocaleAction } from '@/app/i18n/actions';

/** FR / EN toggle: saves the choice (cookie, and the profile when signed in) and re-renders. */
export function LanguageSwitch() {
  const t = useTranslations('language');
  const current = useLocale();
  const router = useRouter();
  const [pending, startTransition] = useTransition();

  return (
    <div className="language-switch" role="group" aria-label={t('label')} aria-busy={pending}>
      {locales.map((locale) => (
        <button
          key={locale}
          type="button"
          lang={locale}
          aria-pressed={locale === current}
          title={t(`name.${locale}`)}
          disabled={pending}
          onClick={() => {
            if (locale === current) return;
            startTransition(async () => {
              await setLocaleAction(locale);
              router.refresh();
            });
          }}
        >
          {t(`short.${locale}`)}
        </button>
      ))}
    </div>
  );
}
