'use client';
import { useTranslations } from 'next-intl';
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

const statuses = ['available', 'paused', 'offline'] as const;
type AgentStatus = (typeof statuses)[number];

export interface AgentRow {
  id: string;
  name: string;
  extension: string | null;
  sipUsername: string;
  status: AgentStatus;
}

type Editing = { mode: 'create' } | { mode: 'edit'; agent: AgentRow };

export function AgentsList({ agents, editable }: { agents: AgentRow[]; editable: boolean }) {
  const t = useTranslations('agents');
  const tc = useTranslations('common');
  const router = useRouter();
  const [editing, setEditing] = useState<Editing | null>(null);
  const [deleting, setDeleting] = useState<AgentRow | null>(null);

  return (
    <>
      <ResourceListHeader title={t('title')} intro={t('intro')} editable={editable} createLabel={t('create')} onCreate={() => setEditing({ mode: 'create' })} />
      {!editable && <p className="alert">{tc('readOnly')}</p>}
      <ResourceTable
        rows={agents}
        emptyMessage={t('empty')}
        columns={[
          { header: t('fields.name'), cell: (a) => a.name },
          { header: t('fields.extension'), cell: (a) => a.extension ?? <span className="muted">—</span> },
          { header: t('fields.sipUsername'), cell: (a) => <code>{a.sipUsername}</code> },
          { header: t('fields.status'), cell: (a) => <span className={a.status === 'available' ? 'tag ok' : 'tag'}>{t(`status.${a.status}`)}</span> },
        ]}
        actionsLabel={tc('actions')}
        actions={
          editable
            ? (a) => (
                <>
                  <RowButton label={t('editNamed', { name: a.name })} text={tc('edit')} onClick={() => setEditing({ mode: 'edit', agent: a })} />{' '}
                  <RowButton label={t('deleteNamed', { name: a.name })} text={tc('delete')} onClick={() => setDeleting(a)} />
                </>
              )
            : undefined
        }
      />
      <AgentDialog
        key={editing ? (editing.mode === 'create' ? 'create' : editing.agent.id) : 'closed'}
        editing={editing}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          router.refresh();
        }}
      />
      <ConfirmDeleteDialog namespace="agents" target={deleting && { url: `/api/agents/${deleting.id}`, name: deleting.name }} onClose={() => setDeleting(null)} />
    </>
  );
}

function AgentDialog({ editing, onClose, onSaved }: { editing: Editing | null; onClose: () => void; onSaved: () => void }) {
  const t = useTranslations('agents');
  const initial = editing?.mode === 'edit' ? editing.agent : null;
  const [name, setName] = useState(initial?.name ?? '');
  const [extension, setExtension] = useState(initial?.extension ?? '');
  const [sipUsername, setSipUsername] = useState(initial?.sipUsername ?? '');
  const [sipPassword, setSipPassword] = useState('');
  const [status, setStatus] = useState<AgentStatus>(initial?.status ?? 'available');
  const { pending, error, run } = useApiAction();
  const errorFor = useFieldErrors(error);

  async function save() {
    const body: Record<string, unknown> = { name: name.trim(), extension: extension.trim() || null, sipUsername: sipUsername.trim(), status };
    // The SIP password is write-only: sent when set, left unchanged when empty on edit.
    if (sipPassword || !initial) body.sipPassword = sipPassword;
    const ok = await run(() =>
      initial ? apiRequest('PATCH', `/api/agents/${initial.id}`, body) : apiRequest('POST', '/api/agents', body),
    );
    if (ok) onSaved();
  }

  return (
    <FormDialog
      open={editing !== null}
      title={initial ? t('editTitle') : t('createTitle')}
      onClose={onClose}
      onSubmit={save}
      pending={pending}
      error={error}
      fields={['name', 'extension', 'sipUsername', 'sipPassword', 'status']}
    >
      <Field label={t('fields.name')} error={errorFor('name')}>
        <input type="text" name="name" autoFocus value={name} onChange={(e) => setName(e.target.value)} />
      </Field>
      <div className="form-grid">
        <Field label={t('fields.extension')} hint={t('extensionHint')} error={errorFor('extension', t('extensionHint'))}>
          <input type="text" inputMode="numeric" name="extension" value={extension} onChange={(e) => setExtension(e.target.value)} />
        </Field>
        <Field label={t('fields.status')} error={errorFor('status')}>
          <select name="status" value={status} onChange={(e) => setStatus(e.target.value as AgentStatus)}>
            {statuses.map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}`)}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <Field label={t('fields.sipUsername')} hint={t('sipUsernameHint')} error={errorFor('sipUsername', t('sipUsernameHint'))}>
        <input type="text" name="sipUsername" autoComplete="off" value={sipUsername} onChange={(e) => setSipUsername(e.target.value)} />
      </Field>
      <Field
        label={initial ? t('fields.newSipPassword') : t('fields.sipPassword')}
        hint={initial ? t('sipPasswordKeepHint') : t('sipPasswordHint')}
        error={errorFor('sipPassword')}
      >
        <input type="password" name="sipPassword" autoComplete="new-password" value={sipPassword} onChange={(e) => setSipPassword(e.target.value)} />
      </Field>
    </FormDialog>
  );
}
