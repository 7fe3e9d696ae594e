'use client';
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { apiRequest } from '@/app/components/api-client';
import { ConfirmDialog } from '@/app/components/confirm-dialog';
import { Dialog } from '@/app/components/dialog';
import { ErrorAlert } from '@/app/components/error-alert';
import { Field } from '@/app/components/form-field';
import { PageHeader } from '@/app/components/page-header';
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
      {agents.length === 0 ? (
        <div className="empty-state">
          <p>{t('empty')}</p>
        </div>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('fields.name')}</th>
                <th scope="col">{t('fields.extension')}</th>
                <th scope="col">{t('fields.sipUsername')}</th>
                <th scope="col">{t('fields.status')}</th>
                {editable && (
                  <th scope="col">
                    <span className="visually-hidden">{tc('actions')}</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {agents.map((a) => (
                <tr key={a.id}>
                  <td>{a.name}</td>
                  <td>{a.extension ?? <span className="muted">—</span>}</td>
                  <td>
                    <code>{a.sipUsername}</code>
                  </td>
                  <td>
                    <span className={a.status === 'available' ? 'tag ok' : 'tag'}>{t(`status.${a.status}`)}</span>
                  </td>
                  {editable && (
                    <td className="actions">
                      <button type="button" className="button small" aria-label={t('editNamed', { name: a.name })} onClick={() => setEditing({ mode: 'edit', agent: a })}>
                        {tc('edit')}
                      </button>{' '}
                      <button type="button" className="button small" aria-label={t('deleteNamed', { name: a.name })} onClick={() => setDeleting(a)}>
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
      <AgentDialog
        key={editing ? (editing.mode === 'create' ? 'create' : editing.agent.id) : 'closed'}
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
        confirmLabel={tc('delete')}
        onClose={() => setDeleting(null)}
        onConfirm={async () => {
          await apiRequest('DELETE', `/api/agents/${deleting!.id}`);
          router.refresh();
        }}
      />
    </>
  );
}

function AgentDialog({ editing, onClose, onSaved }: { editing: Editing | null; onClose: () => void; onSaved: () => void }) {
  const t = useTranslations('agents');
  const tc = useTranslations('common');
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
    <Dialog
      open={editing !== null}
      title={initial ? t('editTitle') : t('createTitle')}
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
      <ErrorAlert error={error} ignoreFields={['name', 'extension', 'sipUsername', 'sipPassword', 'status']} />
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
    </Dialog>
  );
}
