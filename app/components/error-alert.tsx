'use client';
import { useTranslations } from 'next-intl';
import { ApiError } from './api-client';

/** A banner for an error that is not attached to a form field. */
export function ErrorAlert({ error, ignoreFields = [] }: { error: unknown; ignoreFields?: string[] }) {
  const t = useTranslations('errors');
  if (!error) return null;
  if (error instanceof ApiError && error.path && ignoreFields.length > 0) {
    const field = error.path.replace(/^\/?/, '').split(/[/.[]/)[0];
    if (ignoreFields.includes(field)) return null;
  }
  return (
    <div className="alert error" role="alert">
      {describeError(error, t)}
    </div>
  );
}

export function describeError(error: unknown, t: (key: 'network' | 'forbidden' | 'notFound' | 'conflict' | 'unknown') => string) {
  if (error instanceof ApiError) {
    if (error.status === 0) return t('network');
    const general =
      error.status === 403 ? t('forbidden') : error.status === 404 ? t('notFound') : error.status === 409 ? t('conflict') : undefined;
    if (error.message && general) return `${general} ${error.message}`;
    return error.message || general || t('unknown');
  }
  return t('unknown');
}
