'use client';
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { authClient } from '@/app/lib/auth/auth-client';
import { ChangePasswordForm } from '@/app/components/account/change-password-form';

/** The form, then the user's landing page; or sign out instead. */
export function ForcedPasswordChange({ email, landing }: { email: string; landing: string }) {
  const t = useTranslations('account.forced');
  const router = useRouter();
  const [signingOut, setSigningOut] = useState(false);
  return (
    <>
      <ChangePasswordForm
        email={email}
        submitLabel={t('submit')}
        onChanged={() => {
          router.replace(landing);
          router.refresh();
        }}
      />
      <p style={{ marginTop: '1rem' }}>
        <button
          type="button"
          className="button link"
          disabled={signingOut}
          onClick={async () => {
            setSigningOut(true);
            try {
              await authClient.signOut();
            } finally {
              router.replace('/sign-in');
              router.refresh();
            }
          }}
        >
          {t('signOut')}
        </button>
      </p>
    </>
  );
}
