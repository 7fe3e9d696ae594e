'use client';
import Link from 'next/link';
import { useFormatter, useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { apiRequest } from '@/app/components/api-client';
import { useFieldErrors } from '@/app/components/use-field-errors';
import { ConfirmDialog } from '@/app/components/confirm-dialog';
import { Dialog } from '@/app/components/dialog';
import { ErrorAlert } from '@/app/components/error-alert';
import { Field } from '@/app/components/form-field';
import type { FlowView } from '@/app/lib/flows/flow-view';

type FlowRow = FlowView;

type Editing = { mode: 'create' } | { mode: 'rename'; flow: FlowRow };

export function FlowsList({ flows, editable }: { flows: FlowRow[]; editable: boolean }) {
  const t = useTranslations('flows');
  const format = useFormatter();
  const router = useRouter();
  const [editing, setEditing] = useState<Editing | null>(null);
  const [deleting, setDeleting] = useState<FlowRow | null>(null);

  return (
    <>
      <div className="page-header">
        <div>
          <h1>{t('title')}</h1>
          <p>{t('intro')}</p>
        </div>
        {editable && (
          <button type="button" className="button primary" onClick={() => setEditing({ mode: 'create' })}>
            {t('create')}
          </button>
        )}
      </div>

      {flows.length === 0 ? (
        <div className="empty-state">
          <p>{t('empty')}</p>
          {editable && (
            <button type="button" className="button primary" onClick={() => setEditing({ mode: 'create' })}>
              {t('createFirst')}
            </button>
          )}
        </div>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t('title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('columns.name')}</th>
                <th scope="col">{t('columns.updatedAt')}</th>
                <th scope="col">{t('columns.published')}</th>
                <th scope="col">{t('columns.numbers')}</th>
                {editable && (
                  <th scope="col">
                    <span className="visually-hidden">{t('columns.actions')}</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {flows.map((flow) => (
                <tr key={flow.id} data-testid="flow-row">
                  <td>
                    <Link href={`/flows/${flow.id}`}>{flow.name}</Link>
                    {flow.description && <div className="muted">{flow.description}</div>}
                  </td>
                  <td>{format.dateTime(lastModified(flow), { dateStyle: 'medium', timeStyle: 'short' })}</td>
                  <td>
                    {flow.publishedVersion ? (
                      <span className="tag ok">{t('publishedVersion', { number: flow.publishedVersion.number })}</span>
                    ) : (
                      <span className="tag">{t('draftOnly')}</span>
                    )}
                  </td>
                  <td>{flow.numbers.length ? flow.numbers.map((n) => n.e164).join(', ') : <span className="muted">{t('noNumbers')}</span>}</td>
                  {editable && (
                    <td className="actions">
                      <button
                        type="button"
                        className="button small"
                        aria-label={t('renameNamed', { name: flow.name })}
                        onClick={() => setEditing({ mode: 'rename', flow })}
                      >
                        {t('rename')}
                      </button>{' '}
                      <button
                        type="button"
                        className="button small"
                        aria-label={t('deleteNamed', { name: flow.name })}
                        onClick={() => setDeleting(flow)}
                      >
                        {t('delete')}
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <FlowDialog
        key={editing ? (editing.mode === 'create' ? 'create' : editing.flow.id) : 'closed'}
        editing={editing}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          router.refresh();
        }}
      />

      <ConfirmDialog
        open={deleting !== null}
        title={t('deleteTitle')}
        message={deleting ? t('deleteConfirm', { name: deleting.name }) : ''}
        confirmLabel={t('delete')}
        onClose={() => setDeleting(null)}
        onConfirm={async () => {
          await apiRequest('DELETE', `/api/flows/${deleting!.id}`);
          router.refresh();
        }}
      />
    </>
  );
}

function FlowDialog({ editing, onClose, onSaved }: { editing: Editing | null; onClose: () => void; onSaved: () => void }) {
  const t = useTranslations('flows');
  const tc = useTranslations('common');
  const initial = editing?.mode === 'rename' ? editing.flow : null;
  const [name, setName] = useState(initial?.name ?? '');
  const [description, setDescription] = useState(initial?.description ?? '');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const errorFor = useFieldErrors(error);

  async function save() {
    setPending(true);
    setError(null);
    try {
      const body = { name: name.trim(), description: description.trim() || null };
      if (editing?.mode === 'rename') await apiRequest('PATCH', `/api/flows/${editing.flow.id}`, body);
      else await apiRequest('POST', '/api/flows', body.description ? body : { name: body.name });
      onSaved();
    } catch (err) {
      setError(err);
      setPending(false);
    }
  }

  return (
    <Dialog
      open={editing !== null}
      title={editing?.mode === 'rename' ? t('renameTitle') : t('createTitle')}
      onClose={onClose}
      onSubmit={save}
      footer={
        <>
          <button type="button" className="button" onClick={onClose} disabled={pending}>
            {tc('cancel')}
          </button>
          <button type="submit" className="button primary" disabled={pending} aria-busy={pending}>
            {pending ? tc('saving') : editing?.mode === 'rename' ? tc('save') : t('createSubmit')}
          </button>
        </>
      }
    >
      <ErrorAlert error={error} ignoreFields={['name', 'description']} />
      <Field label={t('fields.name')} error={errorFor('name')}>
        <input type="text" name="name" required autoFocus value={name} onChange={(e) => setName(e.target.value)} />
      </Field>
      <Field label={t('fields.description')} hint={tc('optional')} error={errorFor('description')}>
        <textarea name="description" rows={3} value={description} onChange={(e) => setDescription(e.target.value)} />
      </Field>
    </Dialog>
  );
}

/** A flow changes when it is renamed or when its draft is saved. */
function lastModified(flow: FlowRow): Date {
  const draft = flow.draft ? new Date(flow.draft.updatedAt).getTime() : 0;
  return new Date(Math.max(new Date(flow.updatedAt).getTime(), draft));
}
