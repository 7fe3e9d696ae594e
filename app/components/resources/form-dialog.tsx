'use client';
// The create/edit dialog of a resource list: the fields, an error banner for what no field
// shows, and Cancel / Save (busy while the API call runs).
import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import { Dialog } from '@/app/components/dialog';
import { ErrorAlert } from '@/app/components/error-alert';

export interface FormDialogProps {
  open: boolean;
  title: string;
  onClose: () => void;
  onSubmit: () => void;
  pending: boolean;
  error: unknown;
  /** Fields that show their own error (no banner for those). */
  fields: string[];
  /** Defaults to "Save". */
  submitLabel?: string;
  children: ReactNode;
}

export function FormDialog({ open, title, onClose, onSubmit, pending, error, fields, submitLabel, children }: FormDialogProps) {
  const tc = useTranslations('common');
  return (
    <Dialog
      open={open}
      title={title}
      onClose={onClose}
      onSubmit={onSubmit}
      footer={
        <>
          <button type="button" className="button" onClick={onClose} disabled={pending}>
            {tc('cancel')}
          </button>
          <button type="submit" className="button primary" disabled={pending} aria-busy={pending}>
            {pending ? tc('saving') : (submitLabel ?? tc('save'))}
          </button>
        </>
      }
    >
      <ErrorAlert error={error} ignoreFields={fields} />
      {children}
    </Dialog>
  );
}
