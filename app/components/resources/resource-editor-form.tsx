'use client';
// The frame of every resource editor page: back link, title, read-only notice, "saved" and
// error banners, the fields (disabled while saving or for read-only users), Save / Cancel.
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import { ErrorAlert } from '@/app/components/error-alert';
import { PageHeader } from '@/app/components/page-header';

export interface ResourceEditorFormProps {
  listHref: string;
  backLabel: string;
  title: string;
  intro: string;
  editable: boolean;
  saved: boolean;
  pending: boolean;
  error: unknown;
  /** Fields that show their own error (no banner for those). */
  fields: string[];
  submitLabel: string;
  onSave: () => Promise<void>;
  children: ReactNode;
}

export function ResourceEditorForm(props: ResourceEditorFormProps) {
  const { listHref, backLabel, title, intro, editable, saved, pending, error, fields, submitLabel, onSave, children } = props;
  const tc = useTranslations('common');
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void onSave();
      }}
    >
      <p>
        <Link href={listHref}>← {backLabel}</Link>
      </p>
      <PageHeader title={title} intro={intro} />
      {!editable && <p className="alert">{tc('readOnly')}</p>}
      {saved && (
        <p className="alert success" role="status">
          {tc('saved')}
        </p>
      )}
      <ErrorAlert error={error} ignoreFields={fields} />
      <fieldset disabled={!editable || pending} style={{ border: 0, padding: 0, margin: 0 }}>
        {children}
        {editable && (
          <div className="button-row">
            <button type="submit" className="button primary" disabled={pending} aria-busy={pending}>
              {pending ? tc('saving') : submitLabel}
            </button>
            <Link href={listHref} className="button">
              {tc('cancel')}
            </Link>
          </div>
        )}
      </fieldset>
    </form>
  );
}
