'use client';
// A secret shown this once only (a new API token, a generated password): the value, a Copy
// button and the warning that it cannot be shown again (tokens page, users page).
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Dialog } from '@/app/components/dialog';

export interface SecretDialogProps {
  open: boolean;
  title: string;
  /** What the secret is, e.g. "Your new token for “CI”:". */
  intro: string;
  /** The field's label, e.g. "Token". */
  label: string;
  secret: string;
  onClose: () => void;
}

export function SecretDialog({ open, title, intro, label, secret, onClose }: SecretDialogProps) {
  const t = useTranslations('secretOnce');
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const close = () => {
    setCopied(null);
    onClose();
  };
  return (
    <Dialog
      open={open}
      title={title}
      onClose={close}
      footer={
        <button type="button" className="button primary" onClick={close}>
          {t('done')}
        </button>
      }
    >
      <p>{intro}</p>
      <div className="field">
        <label htmlFor="secret-once-value">{label}</label>
        <div style={{ display: 'flex', gap: '0.5rem' }}>
          <input
            id="secret-once-value"
            type="text"
            readOnly
            value={secret}
            data-testid="secret-value"
            style={{ fontFamily: 'monospace', flex: 1 }}
            onFocus={(e) => e.currentTarget.select()}
          />
          <button
            type="button"
            className="button"
            onClick={async () => {
              try {
                await navigator.clipboard.writeText(secret);
                setCopied('yes');
              } catch {
                setCopied('failed');
              }
            }}
          >
            {t('copy')}
          </button>
        </div>
        {copied && (
          <span className="hint" role="status">
            {copied === 'yes' ? t('copied') : t('copyFailed')}
          </span>
        )}
      </div>
      <p className="alert" role="note">
        <strong>{t('warning')}</strong>
      </p>
    </Dialog>
  );
}
