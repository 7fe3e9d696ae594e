// The forced password change: a user whose password was generated (the first admin, printed
// once by `npm start`) is sent here from every page until they choose their own.
import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { getCurrentUser } from '@/app/lib/auth/current-user';
import { landingPath } from '@/app/components/sections';
import { LanguageSwitch } from '@/app/components/language-switch';
import { ForcedPasswordChange } from './forced-password-change';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('account'))('forced.title') };
}

export default async function ChangePasswordPage() {
  const user = await getCurrentUser(await headers());
  if (!user) redirect('/sign-in');
  if (!user.mustChangePassword) redirect(landingPath(user.role));
  const t = await getTranslations();
  return (
    <main className="auth-page">
      <div className="auth-card">
        <p className="brand-title">{t('app.name')}</p>
        <h1>{t('account.forced.title')}</h1>
        <p>{t('account.forced.intro', { email: user.email })}</p>
        <ForcedPasswordChange email={user.email} landing={landingPath(user.role)} />
        <div className="auth-footer">
          <LanguageSwitch />
        </div>
      </div>
    </main>
  );
}
