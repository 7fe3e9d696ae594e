'use client';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { apiRequest } from '@/app/components/api-client';
import { UsageDeleteDialog } from '@/app/components/usage/usage-delete-dialog';
import { Dialog } from '@/app/components/dialog';
import { ErrorAlert } from '@/app/components/error-alert';
import { Field } from '@/app/components/form-field';
import { PageHeader } from '@/app/components/page-header';
import { useApiAction } from '@/app/components/use-api-action';
import { useFieldErrors } from '@/app/components/use-field-errors';

export interface NumberRow {
  id: string;
  e164: string;
  label: string | null;
  flowId: string | null;
  flowName: string | null;
  /** The flow's live version, or null when it was never published. */
  publishedVersion: number | null;
}

type FlowOption = { id: string; name: string };
type Editing = { mode: 'create' } | { mode: 'edit'; number: NumberRow };

export function NumbersList({ numbers, flows, editable }: { numbers: NumberRow[]; flows: FlowOption[]; editable: boolean }) {
  const t = useTranslations('numbers');
  const tc = useTranslations('common');
  const router = useRouter();
  const [editing, setEditing] = useState<Editing | null>(null);
  const [deleting, setDeleting] = useState<NumberRow | null>(null);

  return (
    <>
      <PageHeader
        title={t('title')}
        intro={t('intro')}
        actions={
          editable && (
            <button type="button" className="button primary" onClick={() => setEditing({ mode: 'create' })}>
              {t('create')}
            </button>
          )
        }
      />
      {!editable && <p className="alert">{tc('readOnly')}</p>}
      {numbers.length === 0 ? (
        <div className="empty-state">
          <p>{t('empty')}</p>
        </div>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('fields.e164')}</th>
                <th scope="col">{t('fields.label')}</th>
                <th scope="col">{t('fields.flow')}</th>
                <th scope="col">{t('fields.version')}</th>
                {editable && (
                  <th scope="col">
                    <span className="visually-hidden">{tc('actions')}</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {numbers.map((n) => (
                <tr key={n.id} data-testid="number-row">
                  <td>{n.e164}</td>
                  <td>{n.label ?? ''}</td>
                  <td>{n.flowId ? <Link href={`/flows/${n.flowId}`}>{n.flowName}</Link> : <span className="muted">{t('notRouted')}</span>}</td>
                  <td data-testid="number-version">
                    {!n.flowId ? null : n.publishedVersion !== null ? (
                      <Link href={`/flows/${n.flowId}/versions`}>v{n.publishedVersion}</Link>
                    ) : (
                      <span className="muted">{t('notPublished')}</span>
                    )}
                  </td>
                  {editable && (
                    <td className="actions">
                      <button type="button" className="button small" aria-label={t('editNamed', { number: n.e164 })} onClick={() => setEditing({ mode: 'edit', number: n })}>
                        {tc('edit')}
                      </button>{' '}
                      <button type="button" className="button small" aria-label={t('deleteNamed', { number: n.e164 })} onClick={() => setDeleting(n)}>
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

      <NumberDialog
        key={editing ? (editing.mode === 'create' ? 'create' : editing.number.id) : 'closed'}
        editing={editing}
        flows={flows}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          router.refresh();
        }}
      />
      {deleting && (
        <UsageDeleteDialog
          open
          title={t('deleteTitle')}
          message={t('deleteConfirm', { number: deleting.e164 })}
          name={deleting.e164}
          url={`/api/numbers/${deleting.id}`}
          kind="numbers"
          id={deleting.id}
          onClose={() => setDeleting(null)}
          onDeleted={() => router.refresh()}
        />
      )}
    </>
  );
}

function NumberDialog({
  editing,
  flows,
  onClose,
  onSaved,
}: {
  editing: Editing | null;
  flows: FlowOption[];
  onClose: () => void;
  onSaved: () => void;
}) {
  const t = useTranslations('numbers');
  const tc = useTranslations('common');
  const initial = editing?.mode === 'edit' ? editing.number : null;
  const [e164, setE164] = useState(initial?.e164 ?? '');
  const [label, setLabel] = useState(initial?.label ?? '');
  const [flowId, setFlowId] = useState(initial?.flowId ?? '');
  const { pending, error, run } = useApiAction();
  const errorFor = useFieldErrors(error);

  async function save() {
    const body = { e164: e164.replace(/[\s.-]/g, ''), label: label.trim() || null, flowId: flowId || null };
    const ok = await run(() =>
      editing?.mode === 'edit' ? apiRequest('PATCH', `/api/numbers/${editing.number.id}`, body) : apiRequest('POST', '/api/numbers', body),
    );
    if (ok) onSaved();
  }

  return (
    <Dialog
      open={editing !== null}
      title={editing?.mode === 'edit' ? t('editTitle') : t('createTitle')}
      onClose={onClose}
      onSubmit={save}
      footer={
        <>
          <button type="button" className="button" onClick={onClose} disabled={pending}>
            {tc('cancel')}
          </button>
          <button type="submit" className="button primary" disabled={pending} aria-busy={pending}>
            {pending ? tc('saving') : tc('save')}
          </button>
        </>
      }
    >
      <ErrorAlert error={error} ignoreFields={['e164', 'label', 'flowId']} />
      <Field label={t('fields.e164')} hint={t('e164Hint')} error={errorFor('e164', t('e164Invalid'))}>
        <input type="tel" name="e164" autoFocus value={e164} onChange={(e) => setE164(e.target.value)} placeholder="+33123456789" />
      </Field>
      <Field label={t('fields.label')} hint={tc('optional')} error={errorFor('label')}>
        <input type="text" name="label" value={label} onChange={(e) => setLabel(e.target.value)} />
      </Field>
      <Field label={t('fields.flow')} error={errorFor('flowId')}>
        <select name="flowId" value={flowId} onChange={(e) => setFlowId(e.target.value)}>
          <option value="">{t('notRouted')}</option>
          {flows.map((f) => (
            <option key={f.id} value={f.id}>
              {f.name}
            </option>
          ))}
        </select>
      </Field>
    </Dialog>
  );
}
