'use client';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useRef, useState } from 'react';
import { authClient } from '@/app/lib/auth/auth-client';

export interface UserMenuProps {
  name: string;
  email: string;
  role: string;
}

/** The signed-in user's name, role, their account page, their personal API tokens and the sign-out button. */
export function UserMenu({ name, email, role }: UserMenuProps) {
  const t = useTranslations('userMenu');
  const tRoles = useTranslations('roles');
  const tAccount = useTranslations('account');
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const menu = useRef<HTMLDetailsElement>(null);
  const roleLabel = role === 'admin' || role === 'supervisor' || role === 'agent' ? tRoles(role) : role;

  return (
    <details className="user-menu" ref={menu}>
      <summary aria-label={t('open', { name })}>
        <span>{name}</span>
        <span className="role-badge">{roleLabel}</span>
      </summary>
      <div className="menu-panel">
        <p>
          <strong>{name}</strong>
          <br />
          <span className="muted">{email}</span>
        </p>
        <p>
          {t('role')}: <span className="role-badge">{roleLabel}</span>
        </p>
        <p>
          {/* The layout stays mounted across navigations: close the menu when leaving through it. */}
          <Link href="/account" onClick={() => menu.current?.removeAttribute('open')}>
            {tAccount('menuLink')}
          </Link>
          <br />
          <Link href="/tokens" onClick={() => menu.current?.removeAttribute('open')}>
            {t('apiTokens')}
          </Link>
        </p>
        <button
          type="button"
          className="button"
          disabled={pending}
          onClick={async () => {
            setPending(true);
            try {
              await authClient.signOut();
            } finally {
              router.replace('/sign-in');
              router.refresh();
            }
          }}
        >
          {pending ? t('signingOut') : t('signOut')}
        </button>
      </div>
    </details>
  );
}
