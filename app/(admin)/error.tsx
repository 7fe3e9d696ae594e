'use client';
// Shown inside the shell when a page fails to load (e.g. the database is unavailable), or
// "Access denied" when the page's guard refused the user's role (requireSection).
import { useTranslations } from 'next-intl';
import { AccessDenied, isAccessDenied } from '@/app/components/access-denied';

export default function AdminError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations('errors');
  if (isAccessDenied(error)) return <AccessDenied />;
  return (
    <div className="card" role="alert">
      <h1>{t('pageTitle')}</h1>
      <p>{t('unknown')}</p>
      <button type="button" className="button primary" onClick={reset}>
        {t('retry')}
      </button>
    </div>
  );
}
