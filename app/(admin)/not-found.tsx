import Link from 'next/link';
import { useTranslations } from 'next-intl';

export default function AdminNotFound() {
  const t = useTranslations();
  return (
    <div className="card">
      <h1>{t('errors.notFoundTitle')}</h1>
      <p>{t('errors.notFoundText')}</p>
      <Link href="/flows">{t('flowDetail.back')}</Link>
    </div>
  );
}
