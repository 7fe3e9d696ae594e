'use client';
import Link from 'next/link';
import { useFormatter, useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { apiRequest } from '@/app/components/api-client';
import { Field } from '@/app/components/form-field';
import { ConfirmDeleteDialog } from '@/app/components/resources/confirm-delete';
import { FormDialog } from '@/app/components/resources/form-dialog';
import { ResourceListHeader } from '@/app/components/resources/resource-list-header';
import { ResourceTable } from '@/app/components/resources/resource-table';
import { RowButton } from '@/app/components/resources/row-button';
import { useApiAction } from '@/app/components/use-api-action';
import { useFieldErrors } from '@/app/components/use-field-errors';
import type { FlowView } from '@/app/lib/flows/flow-view';

type FlowRow = FlowView;

type Editing = { mode: 'create' } | { mode: 'rename'; flow: FlowRow };

export function FlowsList({ flows, editable }: { flows: FlowRow[]; editable: boolean }) {
  const t = useTranslations('flows');
  const tc = useTranslations('common');
  const format = useFormatter();
  const router = useRouter();
  const [editing, setEditing] = useState<Editing | null>(null);
  const [deleting, setDeleting] = useState<FlowRow | null>(null);

  return (
    <>
      <ResourceListHeader title={t('title')} intro={t('intro')} editable={editable} createLabel={t('create')} onCreate={() => setEditing({ mode: 'create' })} />

      <ResourceTable
        rows={flows}
        caption={t('title')}
        emptyMessage={t('empty')}
        emptyAction={
          editable && (
            <button type="button" className="button primary" onClick={() => setEditing({ mode: 'create' })}>
              {t('createFirst')}
            </button>
          )
        }
        rowTestId="flow-row"
        columns={[
          {
            header: t('columns.name'),
            cell: (flow) => (
              <>
                <Link href={`/flows/${flow.id}`}>{flow.name}</Link>
                {flow.description && <div className="muted">{flow.description}</div>}
              </>
            ),
          },
          { header: t('columns.updatedAt'), cell: (flow) => format.dateTime(lastModified(flow), { dateStyle: 'medium', timeStyle: 'short' }) },
          {
            header: t('columns.published'),
            cell: (flow) =>
              flow.publishedVersion ? (
                <span className="tag ok">{t('publishedVersion', { number: flow.publishedVersion.number })}</span>
              ) : (
                <span className="tag">{t('draftOnly')}</span>
              ),
          },
          {
            header: t('columns.numbers'),
            cell: (flow) => (flow.numbers.length ? flow.numbers.map((n) => n.e164).join(', ') : <span className="muted">{t('noNumbers')}</span>),
          },
        ]}
        actionsLabel={t('columns.actions')}
        actions={
          editable
            ? (flow) => (
                <>
                  <RowButton label={t('renameNamed', { name: flow.name })} text={t('rename')} onClick={() => setEditing({ mode: 'rename', flow })} />{' '}
                  <RowButton label={t('deleteNamed', { name: flow.name })} text={tc('delete')} onClick={() => setDeleting(flow)} />
                </>
              )
            : undefined
        }
      />

      <FlowDialog
        key={editing ? (editing.mode === 'create' ? 'create' : editing.flow.id) : 'closed'}
        editing={editing}
        onClose={() => setEditing(null)}
        onSaved={(createdId) => {
          setEditing(null);
          // A new flow opens in the editor, where it is built; a rename stays on the list.
          if (createdId) router.push(`/flows/${createdId}/edit`);
          else router.refresh();
        }}
      />

      <ConfirmDeleteDialog namespace="flows" target={deleting && { url: `/api/flows/${deleting.id}`, name: deleting.name }} onClose={() => setDeleting(null)} />
    </>
  );
}

/** Creates (`onSaved` gets the new flow's id) or renames a flow. */
function FlowDialog({ editing, onClose, onSaved }: { editing: Editing | null; onClose: () => void; onSaved: (createdId?: string) => void }) {
  const t = useTranslations('flows');
  const tc = useTranslations('common');
  const initial = editing?.mode === 'rename' ? editing.flow : null;
  const [name, setName] = useState(initial?.name ?? '');
  const [description, setDescription] = useState(initial?.description ?? '');
  const { pending, error, run } = useApiAction();
  const errorFor = useFieldErrors(error);

  async function save() {
    const body = { name: name.trim(), description: description.trim() || null };
    let created: { id: string } | undefined;
    const ok = await run(async () => {
      if (initial) await apiRequest('PATCH', `/api/flows/${initial.id}`, body);
      else created = await apiRequest<{ id: string }>('POST', '/api/flows', body.description ? body : { name: body.name });
    });
    if (ok) onSaved(created?.id);
  }

  return (
    <FormDialog
      open={editing !== null}
      title={initial ? t('renameTitle') : t('createTitle')}
      onClose={onClose}
      onSubmit={save}
      pending={pending}
      error={error}
      fields={['name', 'description']}
      submitLabel={initial ? tc('save') : t('createSubmit')}
    >
      <Field label={t('fields.name')} error={errorFor('name')}>
        <input type="text" name="name" required autoFocus value={name} onChange={(e) => setName(e.target.value)} />
      </Field>
      <Field label={t('fields.description')} hint={tc('optional')} error={errorFor('description')}>
        <textarea name="description" rows={3} value={description} onChange={(e) => setDescription(e.target.value)} />
      </Field>
    </FormDialog>
  );
}

/** A flow changes when it is renamed or when its draft is saved. */
function lastModified(flow: FlowRow): Date {
  const draft = flow.draft ? new Date(flow.draft.updatedAt).getTime() : 0;
  return new Date(Math.max(new Date(flow.updatedAt).getTime(), draft));
}
