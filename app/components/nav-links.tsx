'use client';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { sections, canView } from './sections';

export function NavLinks({ role }: { role: string }) {
  const t = useTranslations('nav');
  const pathname = usePathname();
  return (
    <nav className="shell-nav" aria-label={t('label')}>
      <ul>
        {sections
          .filter((s) => canView(role, s.key))
          .map((s) => {
            const active = pathname === s.href || pathname.startsWith(`${s.href}/`);
            return (
              <li key={s.key}>
                <Link href={s.href} aria-current={active ? 'page' : undefined}>
                  {t(s.key)}
                </Link>
              </li>
            );
          })}
      </ul>
    </nav>
  );
}
