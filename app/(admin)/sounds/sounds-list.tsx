'use client';
import { useFormatter, useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useRef, useState, type FormEvent } from 'react';
import { apiRequest } from '@/app/components/api-client';
import { ConfirmDialog } from '@/app/components/confirm-dialog';
import { ErrorAlert } from '@/app/components/error-alert';
import { Field } from '@/app/components/form-field';
import { PageHeader } from '@/app/components/page-header';
import { useApiAction } from '@/app/components/use-api-action';
import { useFieldErrors } from '@/app/components/use-field-errors';

const languages = ['fr', 'en'] as const;

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
      {sounds.length === 0 ? (
        <div className="empty-state">
          <p>{t('empty')}</p>
        </div>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('fields.name')}</th>
                <th scope="col">{t('fields.language')}</th>
                <th scope="col">{t('duration')}</th>
                <th scope="col">{t('listen')}</th>
                {editable && (
                  <th scope="col">
                    <span className="visually-hidden">{tc('actions')}</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {sounds.map((s) => (
                <tr key={s.id} data-testid="sound-row">
                  <td>
                    {s.name}
                    {s.originalName && <div className="muted">{s.originalName}</div>}
                  </td>
                  <td>{languages.includes(s.language as 'fr') ? t(`language.${s.language as 'fr' | 'en'}`) : s.language}</td>
                  <td>{format.number(s.durationMs / 1000, { maximumFractionDigits: 1 })} s</td>
                  <td>
                    <audio controls preload="none" src={`/api/sounds/${s.id}/audio`} aria-label={t('listenNamed', { name: s.name })} />
                  </td>
                  {editable && (
                    <td className="actions">
                      <button type="button" className="button small" aria-label={t('deleteNamed', { name: s.name })} onClick={() => setDeleting(s)}>
                        {tc('delete')}
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ConfirmDialog
        open={deleting !== null}
        title={t('deleteTitle')}
        message={deleting ? t('deleteConfirm', { name: deleting.name }) : ''}
        confirmLabel={tc('delete')}
        onClose={() => setDeleting(null)}
        onConfirm={async () => {
          await apiRequest('DELETE', `/api/sounds/${deleting!.id}`);
          router.refresh();
        }}
      />
    </>
  );
}

function UploadForm({ onUploaded }: { onUploaded: () => void }) {
  const t = useTranslations('sounds');
  const form = useRef<HTMLFormElement>(null);
  const [name, setName] = useState('');
  const [language, setLanguage] = useState<string>('fr');
  const [done, setDone] = useState(false);
  const { pending, error, run } = useApiAction();
  const errorFor = useFieldErrors(error);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setDone(false);
    const data = new FormData(event.currentTarget);
    const file = data.get('file');
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
        <Field label={t('fields.file')} hint={t('fileHint')} error={errorFor('file')}>
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
