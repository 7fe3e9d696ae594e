'use client';
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { authClient } from '@/app/lib/auth/auth-client';

export interface UserMenuProps {
  name: string;
  email: string;
  role: string;
}

/** The signed-in user's name, role and the sign-out button. */
export function UserMenu({ name, email, role }: UserMenuProps) {
  const t = useTranslations('userMenu');
  const tRoles = useTranslations('roles');
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const roleLabel = role === 'admin' || role === 'supervisor' || role === 'agent' ? tRoles(role) : role;

  return (
    <details className="user-menu">
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
