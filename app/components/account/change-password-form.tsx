'use client';
// The change-password form of "My account" and of the forced change after the first start:
// current password, new password, confirmation. The API judges the new password (the new-user
// form's strength rules) and names the failing field; this form says it in the user's language.
import { useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import { ApiError, apiRequest, fieldProblem } from '@/app/components/api-client';
import { ErrorAlert } from '@/app/components/error-alert';
import { Field } from '@/app/components/form-field';
import { useApiAction } from '@/app/components/use-api-action';
import { useFieldErrors } from '@/app/components/use-field-errors';

const FIELDS = ['currentPassword', 'newPassword'];

export function ChangePasswordForm({ email, submitLabel, onChanged }: { email: string; submitLabel?: string; onChanged: () => void }) {
  const t = useTranslations('account.password');
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const { pending, error, run } = useApiAction();
  const errorFor = useFieldErrors(error);

  const currentError = fieldProblem(error, 'currentPassword')?.code === 'password.wrongCurrent' ? t('wrongCurrent') : errorFor('currentPassword');
  const newError = fieldProblem(error, 'newPassword')?.code === 'password.unchanged' ? t('unchanged') : errorFor('newPassword');
  const tooMany = error instanceof ApiError && error.status === 429;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (next !== confirm) {
      setMismatch(true);
      return;
    }
    setMismatch(false);
    const ok = await run(() => apiRequest('POST', '/api/me/password', { currentPassword: current, newPassword: next }));
    if (ok) {
      setCurrent('');
      setNext('');
      setConfirm('');
      onChanged();
    }
  }

  return (
    <form onSubmit={submit} noValidate className="account-form">
      {tooMany ? (
        <div className="alert error" role="alert">
          {t('tooManyAttempts')}
        </div>
      ) : (
        <ErrorAlert error={error} ignoreFields={FIELDS} />
      )}
      {/* For password managers: which account this password belongs to. */}
      <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
      <Field label={t('current')} error={currentError}>
        <input type="password" name="currentPassword" autoComplete="current-password" required value={current} onChange={(e) => setCurrent(e.target.value)} />
      </Field>
      <Field label={t('new')} hint={t('rules')} error={newError}>
        <input type="password" name="newPassword" autoComplete="new-password" required value={next} onChange={(e) => setNext(e.target.value)} />
      </Field>
      <Field label={t('confirm')} error={mismatch ? t('mismatch') : undefined}>
        <input type="password" name="confirmPassword" autoComplete="new-password" required value={confirm} onChange={(e) => setConfirm(e.target.value)} />
      </Field>
      <button type="submit" className="button primary" disabled={pending} aria-busy={pending}>
        {pending ? t('submitting') : (submitLabel ?? t('submit'))}
      </button>
    </form>
  );
}
