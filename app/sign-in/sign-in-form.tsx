'use client';
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { authClient } from '@/app/lib/auth/auth-client';
import { Field } from '@/app/components/form-field';

export function SignInForm() {
  const t = useTranslations('signIn');
  const router = useRouter();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!email || !password) {
      setError(t('missingFields'));
      return;
    }
    setPending(true);
    setError(null);
    try {
      const result = await authClient.signIn.email({ email, password });
      if (result.error) {
        setError(result.error.status === 429 ? t('tooManyAttempts') : t('badCredentials'));
        setPending(false);
        return;
      }
      // The home page sends each role to its landing page (agents: /agent).
      router.replace('/');
      router.refresh();
    } catch {
      setError(t('networkError'));
      setPending(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate style={{ marginTop: '1rem' }}>
      {error && (
        <div className="alert error" role="alert">
          {error}
        </div>
      )}
      <Field label={t('email')}>
        <input
          type="email"
          name="email"
          autoComplete="username"
          required
          autoFocus
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
      </Field>
      <Field label={t('password')}>
        <input
          type="password"
          name="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </Field>
      <button type="submit" className="button primary" disabled={pending} aria-busy={pending}>
        {pending ? t('submitting') : t('submit')}
      </button>
    </form>
  );
}
