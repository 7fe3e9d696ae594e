'use client';
import { useFormatter, useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useRef, useState, type FormEvent } from 'react';
import { apiRequest, fieldProblem } from '@/app/components/api-client';
import { SOUND_FILE_LIMIT } from '@/app/lib/api/body-limits';
import { ErrorAlert } from '@/app/components/error-alert';
import { Field } from '@/app/components/form-field';
import { PageHeader } from '@/app/components/page-header';
import { ConfirmDeleteDialog } from '@/app/components/resources/confirm-delete';
import { ResourceTable } from '@/app/components/resources/resource-table';
import { RowButton } from '@/app/components/resources/row-button';
import { useApiAction } from '@/app/components/use-api-action';
import { useFieldErrors } from '@/app/components/use-field-errors';

const languages = ['fr', 'en'] as const;
/** Problem codes of a refused audio file (app/lib/sounds/convert-audio.ts) → sounds.fileErrors.* */
const fileErrorKeys = { 'sound.unsupportedFormat': 'unsupportedFormat', 'sound.corrupt': 'corrupt', 'sound.tooLong': 'tooLong', 'sound.tooLarge': 'tooLarge' } as const;

export interface SoundRow {
  id: string;
  name: string;
  language: string;
  originalName: string | null;
  durationMs: number;
  createdAt: Date;
}

export function SoundsList({ sounds, editable }: { sounds: SoundRow[]; editable: boolean }) {
  const t = useTranslations('sounds');
  const tc = useTranslations('common');
  const format = useFormatter();
  const router = useRouter();
  const [deleting, setDeleting] = useState<SoundRow | null>(null);

  return (
    <>
      <PageHeader title={t('title')} intro={t('intro')} />
      {editable ? <UploadForm onUploaded={() => router.refresh()} /> : <p className="alert">{tc('readOnly')}</p>}
      <h2>{t('listTitle')}</h2>
      <ResourceTable
        rows={sounds}
        emptyMessage={t('empty')}
        rowTestId="sound-row"
        columns={[
          {
            header: t('fields.name'),
            cell: (s) => (
              <>
                {s.name}
                {s.originalName && <div className="muted">{s.originalName}</div>}
              </>
            ),
          },
          { header: t('fields.language'), cell: (s) => (languages.includes(s.language as 'fr') ? t(`language.${s.language as 'fr' | 'en'}`) : s.language) },
          { header: t('duration'), cell: (s) => `${format.number(s.durationMs / 1000, { maximumFractionDigits: 1 })} s` },
          { header: t('listen'), cell: (s) => <audio controls preload="none" src={`/api/sounds/${s.id}/audio`} aria-label={t('listenNamed', { name: s.name })} /> },
        ]}
        actionsLabel={tc('actions')}
        actions={editable ? (s) => <RowButton label={t('deleteNamed', { name: s.name })} text={tc('delete')} onClick={() => setDeleting(s)} /> : undefined}
      />
      <ConfirmDeleteDialog namespace="sounds" target={deleting && { url: `/api/sounds/${deleting.id}`, name: deleting.name }} onClose={() => setDeleting(null)} />
    </>
  );
}

function UploadForm({ onUploaded }: { onUploaded: () => void }) {
  const t = useTranslations('sounds');
  const form = useRef<HTMLFormElement>(null);
  const [name, setName] = useState('');
  const [language, setLanguage] = useState<string>('fr');
  const [done, setDone] = useState(false);
  const [tooLarge, setTooLarge] = useState(false);
  const { pending, error, run } = useApiAction();
  const errorFor = useFieldErrors(error);
  const fileCode = fieldProblem(error, 'file')?.code as keyof typeof fileErrorKeys | undefined;
  const fileError = tooLarge
    ? t('fileErrors.tooLarge')
    : fileCode && fileCode in fileErrorKeys
      ? t(`fileErrors.${fileErrorKeys[fileCode]}`)
      : errorFor('file');

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setDone(false);
    const data = new FormData(event.currentTarget);
    const file = data.get('file');
    // The server cuts an upload over the limit while it is being sent, so say it before sending.
    setTooLarge(file instanceof File && file.size > SOUND_FILE_LIMIT);
    if (file instanceof File && file.size > SOUND_FILE_LIMIT) return;
    // Name the sound after its file when no name was typed.
    if (!name.trim() && file instanceof File && file.name) data.set('name', file.name.replace(/\.[^.]+$/, ''));
    const ok = await run(() => apiRequest('POST', '/api/sounds', data));
    if (ok) {
      form.current?.reset();
      setName('');
      setDone(true);
      onUploaded();
    }
  }

  return (
    <form ref={form} className="card" onSubmit={submit} noValidate aria-labelledby="upload-heading">
      <h2 id="upload-heading">{t('uploadTitle')}</h2>
      {done && (
        <p className="alert success" role="status">
          {t('uploaded')}
        </p>
      )}
      <ErrorAlert error={error} ignoreFields={['file', 'name', 'language']} />
      <div className="form-grid">
        <Field label={t('fields.file')} hint={t('fileHint')} error={fileError}>
          <input type="file" name="file" accept="audio/wav,audio/x-wav,audio/mpeg,.wav,.mp3" required />
        </Field>
        <Field label={t('fields.name')} error={errorFor('name')}>
          <input type="text" name="name" value={name} onChange={(e) => setName(e.target.value)} />
        </Field>
        <Field label={t('fields.language')} error={errorFor('language')}>
          <select name="language" value={language} onChange={(e) => setLanguage(e.target.value)}>
            {languages.map((l) => (
              <option key={l} value={l}>
                {t(`language.${l}`)}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <button type="submit" className="button primary" disabled={pending} aria-busy={pending}>
        {pending ? t('uploading') : t('upload')}
      </button>
    </form>
  );
}
