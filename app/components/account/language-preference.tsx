'use client';
// The language of "My account": saved on the user (PATCH /api/me), so the admin speaks it on
// every device once they sign in; the page re-renders in it at once.
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { apiRequest } from '@/app/components/api-client';
import { ErrorAlert } from '@/app/components/error-alert';
import { Field } from '@/app/components/form-field';
import { useApiAction } from '@/app/components/use-api-action';
import { locales, type AppLocale } from '@/app/i18n/config';

export function LanguagePreference({ locale }: { locale: AppLocale }) {
  const t = useTranslations('account.language');
  const tLanguage = useTranslations('language');
  const router = useRouter();
  const [value, setValue] = useState<AppLocale>(locale);
  const [saved, setSaved] = useState(false);
  const { pending, error, run } = useApiAction();

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    if (await run(() => apiRequest('PATCH', '/api/me', { locale: value }))) {
      setSaved(true);
      router.refresh();
    }
  }

  return (
    <form onSubmit={submit} noValidate className="account-form">
      <ErrorAlert error={error} />
      <Field label={t('label')} hint={t('hint')}>
        <select name="locale" value={value} onChange={(e) => setValue(e.target.value as AppLocale)}>
          {locales.map((l) => (
            <option key={l} value={l} lang={l}>
              {tLanguage(`name.${l}`)}
            </option>
          ))}
        </select>
      </Field>
      <button type="submit" className="button primary" disabled={pending} aria-busy={pending}>
        {pending ? t('saving') : t('save')}
      </button>
      {saved && (
        <span role="status" className="muted">
          {' '}
          {t('saved')}
        </span>
      )}
    </form>
  );
}
