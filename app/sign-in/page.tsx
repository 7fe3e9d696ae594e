import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { getCurrentUser } from '@/app/lib/auth/current-user';
import { landingPath } from '@/app/components/sections';
import { CHANGE_PASSWORD_PATH } from '@/app/lib/auth/require-user';
import { LanguageSwitch } from '@/app/components/language-switch';
import { SignInForm } from './sign-in-form';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('signIn');
  return { title: t('title') };
}

export default async function SignInPage() {
  const user = await getCurrentUser(await headers());
  if (user) redirect(user.mustChangePassword ? CHANGE_PASSWORD_PATH : landingPath(user.role));
  const t = await getTranslations();
  return (
    <main className="auth-page">
      <div className="auth-card">
        <p className="brand-title">{t('app.name')}</p>
        <p className="subtitle">{t('app.tagline')}</p>
        <h1>{t('signIn.title')}</h1>
        <SignInForm />
        <div className="auth-footer">
          <LanguageSwitch />
        </div>
      </div>
    </main>
  );
}
