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
import { PhonesCell, PresenceCell } from './presence-cells';
import type { PhoneRegistration, Presence } from './presence';
import { useAgentsLive } from './use-agents-live';

const statuses = ['available', 'paused', 'offline'] as const;
type AgentStatus = (typeof statuses)[number];

export interface AgentRow {
  id: string;
  name: string;
  extension: string | null;
  sipUsername: string;
  status: AgentStatus;
  userId: string | null;
  pauseReason: string | null;
  /** A supervisor's lock (issue 14). */
  lock: { status: AgentStatus; byUserName: string | null; pauseReason: string | null } | null;
  /** Effective status (the runtime's activity, the lock, the choice), updated live. */
  presence: Presence;
  /** Registered phones (expired ones until the registrar's purge), updated live. */
  phones: PhoneRegistration[];
}

export interface UserOption {
  id: string;
  name: string;
  email: string;
}

export interface PauseReasonOption {
  id: string;
  label: string;
}

type Editing = { mode: 'create' } | { mode: 'edit'; agent: AgentRow };

export function AgentsList({ agents, users, pauseReasons, editable, canLock }: { agents: AgentRow[]; users: UserOption[]; pauseReasons: PauseReasonOption[]; editable: boolean; canLock: boolean }) {
  const t = useTranslations('agents');
  const tc = useTranslations('common');
  const tAccount = useTranslations('account');
  const router = useRouter();
  const [editing, setEditing] = useState<Editing | null>(null);
  const [deleting, setDeleting] = useState<AgentRow | null>(null);
  const [locking, setLocking] = useState<AgentRow | null>(null);
  const unlock = useApiAction();
  const { parts: live, connection } = useAgentsLive(agents);
  // the user's name, their email on hover (keeps the row's actions in view)
  const userLabel = (id: string | null) => {
    const u = id ? users.find((x) => x.id === id) : null;
    return u ? <span title={u.email}>{u.name}</span> : null;
  };

  return (
    <>
      <ResourceListHeader title={t('title')} intro={t('intro')} editable={editable} createLabel={t('create')} onCreate={() => setEditing({ mode: 'create' })} />
      {!editable && <p className="alert">{tc('readOnly')}</p>}
      <p className="muted" data-testid="agents-live" data-state={connection}>
        {tAccount(`live.${connection}`)}
      </p>
      <ResourceTable
        rows={agents}
        emptyMessage={t('empty')}
        columns={[
          { header: t('fields.name'), cell: (a) => a.name },
          { header: t('fields.extension'), cell: (a) => a.extension ?? <span className="muted">—</span> },
          { header: t('fields.sipUsername'), cell: (a) => <code>{a.sipUsername}</code> },
          { header: t('fields.user'), cell: (a) => userLabel(a.userId) ?? <span className="muted">—</span> },
          {
            // Presence: the effective status, then the phones registered (one column keeps the row's actions in view at 1280 px).
            header: tAccount('phones.column'),
            cell: (a) => (
              <>
                <PresenceCell presence={live[a.id]?.presence ?? a.presence} />
                <PhonesCell phones={live[a.id]?.phones ?? a.phones} />
              </>
            ),
          },
        ]}
        actionsLabel={tc('actions')}
        actions={
          editable || canLock
            ? (a) => (
                <>
                  {canLock &&
                    (a.lock ? (
                      <RowButton
                        label={t('unlockNamed', { name: a.name })}
                        text={t('unlock')}
                        onClick={async () => {
                          if (await unlock.run(() => apiRequest('DELETE', `/api/agents/${a.id}/lock`))) router.refresh();
                        }}
                      />
                    ) : (
                      <RowButton label={t('lockNamed', { name: a.name })} text={t('lock')} onClick={() => setLocking(a)} />
                    ))}{' '}
                  {editable && (
                    <>
                  <RowButton label={t('editNamed', { name: a.name })} text={tc('edit')} onClick={() => setEditing({ mode: 'edit', agent: a })} />{' '}
                  <RowButton label={t('deleteNamed', { name: a.name })} text={tc('delete')} onClick={() => setDeleting(a)} />
                    </>
                  )}
                </>
              )
            : undefined
        }
      />
      <AgentDialog
        key={editing ? (editing.mode === 'create' ? 'create' : editing.agent.id) : 'closed'}
        editing={editing}
        users={users}
        linkedUserIds={agents.flatMap((a) => (a.userId && (editing?.mode !== 'edit' || editing.agent.id !== a.id) ? [a.userId] : []))}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          router.refresh();
        }}
      />
      <LockDialog
        key={locking ? `lock-${locking.id}` : 'lock-closed'}
        agent={locking}
        pauseReasons={pauseReasons}
        onClose={() => setLocking(null)}
        onSaved={() => {
          setLocking(null);
          router.refresh();
        }}
      />
      <ConfirmDeleteDialog namespace="agents" target={deleting && { url: `/api/agents/${deleting.id}`, name: deleting.name }} onClose={() => setDeleting(null)} />
    </>
  );
}

function LockDialog({ agent, pauseReasons, onClose, onSaved }: { agent: AgentRow | null; pauseReasons: PauseReasonOption[]; onClose: () => void; onSaved: () => void }) {
  const t = useTranslations('agents');
  const [status, setStatus] = useState<AgentStatus>('paused');
  const [reason, setReason] = useState(pauseReasons[0]?.id ?? '');
  const { pending, error, run } = useApiAction();
  const errorFor = useFieldErrors(error);
  async function save() {
    if (!agent) return;
    const body = { status, ...(status === 'paused' && reason ? { pauseReasonId: reason } : {}) };
    if (await run(() => apiRequest('PUT', `/api/agents/${agent.id}/lock`, body))) onSaved();
  }
  return (
    <FormDialog open={agent !== null} title={t('lockTitle', { name: agent?.name ?? '' })} onClose={onClose} onSubmit={save} pending={pending} error={error} fields={['status', 'pauseReasonId']}>
      <p className="muted">{t('lockIntro')}</p>
      <Field label={t('fields.status')} error={errorFor('status')}>
        <select name="status" value={status} onChange={(e) => setStatus(e.target.value as AgentStatus)}>
          {statuses.map((s) => (
            <option key={s} value={s}>
              {t(`status.${s}`)}
            </option>
          ))}
        </select>
      </Field>
      {status === 'paused' && pauseReasons.length > 0 && (
        <Field label={t('fields.pauseReason')} error={errorFor('pauseReasonId')}>
          <select name="pauseReasonId" value={reason} onChange={(e) => setReason(e.target.value)}>
            {pauseReasons.map((r) => (
              <option key={r.id} value={r.id}>
                {r.label}
              </option>
            ))}
          </select>
        </Field>
      )}
    </FormDialog>
  );
}

function AgentDialog({ editing, users, linkedUserIds, onClose, onSaved }: { editing: Editing | null; users: UserOption[]; linkedUserIds: string[]; onClose: () => void; onSaved: () => void }) {
  const t = useTranslations('agents');
  const initial = editing?.mode === 'edit' ? editing.agent : null;
  const [name, setName] = useState(initial?.name ?? '');
  const [extension, setExtension] = useState(initial?.extension ?? '');
  const [sipUsername, setSipUsername] = useState(initial?.sipUsername ?? '');
  const [sipPassword, setSipPassword] = useState('');
  const [status, setStatus] = useState<AgentStatus>(initial?.status ?? 'available');
  const [userId, setUserId] = useState(initial?.userId ?? '');
  const { pending, error, run } = useApiAction();
  const errorFor = useFieldErrors(error);

  async function save() {
    const body: Record<string, unknown> = { name: name.trim(), extension: extension.trim() || null, sipUsername: sipUsername.trim(), status, userId: userId || null };
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
      fields={['name', 'extension', 'sipUsername', 'sipPassword', 'status', 'userId']}
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
      <Field label={t('fields.user')} hint={t('userHint')} error={errorFor('userId')}>
        <select name="userId" value={userId} onChange={(e) => setUserId(e.target.value)}>
          <option value="">{t('noUser')}</option>
          {users
            .filter((u) => !linkedUserIds.includes(u.id))
            .map((u) => (
              <option key={u.id} value={u.id}>
                {u.name} ({u.email})
              </option>
            ))}
        </select>
      </Field>
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
