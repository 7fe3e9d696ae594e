'use client';
// Shown inside the shell when a page fails to load (e.g. the database is unavailable).
import { useTranslations } from 'next-intl';

export default function AdminError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations('errors');
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
