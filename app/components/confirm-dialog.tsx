'use client';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Dialog } from './dialog';
import { ErrorAlert } from './error-alert';

export interface ConfirmDialogProps {
  open: boolean;
  title: string;
  message: string;
  confirmLabel: string;
  onConfirm: () => Promise<void>;
  onClose: () => void;
}

/** Asks before a destructive action; shows progress and the API's error if it fails. */
export function ConfirmDialog({ open, title, message, confirmLabel, onConfirm, onClose }: ConfirmDialogProps) {
  const t = useTranslations('common');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const close = () => {
    setError(null);
    onClose();
  };

  return (
    <Dialog
      open={open}
      title={title}
      role="alertdialog"
      onClose={close}
      footer={
        <>
          <button type="button" className="button" onClick={close} disabled={pending}>
            {t('cancel')}
          </button>
          <button
            type="button"
            className="button danger"
            disabled={pending}
            aria-busy={pending}
            onClick={async () => {
              setPending(true);
              setError(null);
              try {
                await onConfirm();
                close();
              } catch (err) {
                setError(err);
              } finally {
                setPending(false);
              }
            }}
          >
            {pending ? t('working') : confirmLabel}
          </button>
        </>
      }
    >
      <ErrorAlert error={error} />
      <p>{message}</p>
    </Dialog>
  );
}
