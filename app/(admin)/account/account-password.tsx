'use client';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { ChangePasswordForm } from '@/app/components/account/change-password-form';

/** The password form of "My account", with the confirmation once it is changed. */
export function AccountPassword({ email }: { email: string }) {
  const t = useTranslations('account.password');
  const [done, setDone] = useState(false);
  return (
    <>
      {done && (
        <div className="alert success" role="status">
          {t('changed')}
        </div>
      )}
      <ChangePasswordForm email={email} onChanged={() => setDone(true)} />
    </>
  );
}
