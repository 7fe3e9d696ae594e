// "Access denied": what a signed-in user sees, inside the shell, when their role may not open
// a page. requireSection() throws accessDeniedError(); the (admin) error boundary recognises it
// by its digest (Next.js keeps a digest set on a thrown error, also in production) and renders
// <AccessDenied /> in place of the page, so the URL stays and nothing redirects silently.
// (Next's forbidden() would answer 403 but needs experimental.authInterrupts; the pages stream
// behind app/(admin)/loading.tsx, so the status of such a page is 200.)
import Link from 'next/link';
import { useTranslations } from 'next-intl';

export const ACCESS_DENIED_DIGEST = 'RELAIS_ACCESS_DENIED';

/** The error a page guard throws when the role is too low (never logged as a bug by the boundary). */
export function accessDeniedError(): Error & { digest: string } {
  return Object.assign(new Error('Access denied: your role may not open this page'), { digest: ACCESS_DENIED_DIGEST });
}

export function isAccessDenied(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { digest?: unknown }).digest === ACCESS_DENIED_DIGEST;
}

export function AccessDenied() {
  const t = useTranslations('accessDenied');
  return (
    <div className="card" role="alert" data-testid="access-denied">
      <h1>{t('title')}</h1>
      <p>{t('text')}</p>
      <Link href="/flows" className="button">
        {t('back')}
      </Link>
    </div>
  );
}
