'use client';
import { useTranslations } from 'next-intl';
import { ApiError, isFieldError, stripPathPrefix } from './api-client';

/** A banner for an error that is not attached to a form field. */
export function ErrorAlert({ error, ignoreFields = [] }: { error: unknown; ignoreFields?: string[] }) {
  const t = useTranslations('errors');
  if (!error) return null;
  // Errors about fields the form shows next to those fields need no banner.
  if (ignoreFields.length > 0 && isFieldError(error, ignoreFields)) return null;
  return (
    <div className="alert error" role="alert">
      {describeError(error, t)}
    </div>
  );
}

export function describeError(error: unknown, t: (key: 'network' | 'forbidden' | 'notFound' | 'conflict' | 'unknown' | 'payloadTooLarge') => string) {
  if (error instanceof ApiError) {
    if (error.status === 0) return t('network');
    // 413: the server names the limit in English; say it in the user's language.
    if (error.status === 413) return t('payloadTooLarge');
    const general =
      error.status === 403 ? t('forbidden') : error.status === 404 ? t('notFound') : error.status === 409 ? t('conflict') : undefined;
    const message = stripPathPrefix(error.message);
    if (message && general) return `${general} ${message}`;
    return message || general || t('unknown');
  }
  return t('unknown');
}
