'use client';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import { sections, canView } from './sections';

/** Sent on window by the voicemail page after marking or deleting a message: the badge counts again. */
export const VOICEMAILS_CHANGED = 'relais:voicemails-changed';

export function NavLinks({ role }: { role: string }) {
  const t = useTranslations('nav');
  const pathname = usePathname();
  const unreadVoicemails = useUnreadVoicemails(canView(role, 'voicemails'));
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
                  {s.key === 'voicemails' && unreadVoicemails > 0 && (
                    <>
                      {' '}
                      <span className="tag ok" aria-hidden="true" data-testid="voicemail-badge">
                        {unreadVoicemails}
                      </span>
                      <span className="visually-hidden">{t('voicemailsUnread', { count: unreadVoicemails })}</span>
                    </>
                  )}
                </Link>
              </li>
            );
          })}
      </ul>
    </nav>
  );
}

/** New voicemails in the user's mailboxes: read once per page load and after the voicemail page changes one. */
function useUnreadVoicemails(enabled: boolean): number {
  const [count, setCount] = useState(0);
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    const load = () => {
      fetch('/api/voicemails?unread=true&limit=1', { credentials: 'same-origin', headers: { accept: 'application/json' } })
        .then((res) => (res.ok ? (res.json() as Promise<{ unreadCount?: number }>) : null))
        .then((body) => {
          if (live && typeof body?.unreadCount === 'number') setCount(body.unreadCount);
        })
        .catch(() => undefined);
    };
    load();
    window.addEventListener(VOICEMAILS_CHANGED, load);
    return () => {
      live = false;
      window.removeEventListener(VOICEMAILS_CHANGED, load);
    };
  }, [enabled]);
  return count;
}
