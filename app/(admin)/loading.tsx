import { useTranslations } from 'next-intl';

export default function Loading() {
  const t = useTranslations('common');
  return (
    <p className="muted" role="status" aria-live="polite">
      {t('loading')}
    </p>
  );
}
