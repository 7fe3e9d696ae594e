// "My account" (any role, from the user menu): who I am, my password, my language.
import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { requireUser } from '@/app/lib/auth/require-user';
import { isAppLocale } from '@/app/i18n/config';
import { PageHeader } from '@/app/components/page-header';
import { LanguagePreference } from '@/app/components/account/language-preference';
import { AccountPassword } from './account-password';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('account'))('title') };
}

export default async function AccountPage() {
  const user = await requireUser();
  const [t, tRoles] = await Promise.all([getTranslations('account'), getTranslations('roles')]);
  return (
    <>
      <PageHeader title={t('title')} intro={t('intro')} />
      <section className="card" aria-labelledby="account-identity">
        <h2 id="account-identity">{t('identity.title')}</h2>
        <dl className="account-identity">
          <dt>{t('identity.name')}</dt>
          <dd>{user.name}</dd>
          <dt>{t('identity.email')}</dt>
          <dd>{user.email}</dd>
          <dt>{t('identity.role')}</dt>
          <dd>
            <span className="role-badge">{tRoles(user.role)}</span>
          </dd>
        </dl>
      </section>
      <section className="card" aria-labelledby="account-password">
        <h2 id="account-password">{t('password.title')}</h2>
        <p className="muted">{t('password.intro')}</p>
        <AccountPassword email={user.email} />
      </section>
      <section className="card" aria-labelledby="account-language">
        <h2 id="account-language">{t('language.title')}</h2>
        <LanguagePreference locale={isAppLocale(user.locale) ? user.locale : 'fr'} />
      </section>
    </>
  );
}
