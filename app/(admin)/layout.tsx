// The authenticated shell: header (product, language, user menu) and the section navigation.
import Link from 'next/link';
import type { ReactNode } from 'react';
import { getTranslations } from 'next-intl/server';
import { requireUser } from '@/app/lib/auth/require-user';
import { LanguageSwitch } from '@/app/components/language-switch';
import { NavLinks } from '@/app/components/nav-links';
import { landingPath } from '@/app/components/sections';
import { UserMenu } from '@/app/components/user-menu';

export default async function AdminLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  const t = await getTranslations();
  return (
    <>
      <a href="#main" className="skip-link">
        {t('shell.skipToContent')}
      </a>
      <header className="shell-header">
        <Link href={landingPath(user.role)} className="brand">
          {t('app.name')}
        </Link>
        <div className="header-tools">
          <LanguageSwitch />
          <UserMenu name={user.name} email={user.email} role={user.role} />
        </div>
      </header>
      <div className="shell">
        <NavLinks role={user.role} />
        <main id="main" className="shell-main">
          {children}
        </main>
      </div>
    </>
  );
}
