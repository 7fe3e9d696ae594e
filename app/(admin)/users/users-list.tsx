'use client';
// The organisation's users (admins only): add one (a generated password is shown once),
// change a role, remove. The API keeps at least one admin (409 otherwise, shown in the dialog).
import { useFormatter, useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { ApiError, apiRequest } from '@/app/components/api-client';
import { Field } from '@/app/components/form-field';
import { ConfirmDialog } from '@/app/components/confirm-dialog';
import { FormDialog } from '@/app/components/resources/form-dialog';
import { ResourceListHeader } from '@/app/components/resources/resource-list-header';
import { ResourceTable } from '@/app/components/resources/resource-table';
import { RowButton } from '@/app/components/resources/row-button';
import { SecretDialog } from '@/app/components/secret-dialog';
import { useApiAction } from '@/app/components/use-api-action';
import { useFieldErrors } from '@/app/components/use-field-errors';

const roles = ['admin', 'supervisor', 'agent'] as const;
type Role = (typeof roles)[number];

export interface UserRow {
  id: string;
  name: string;
  email: string;
  role: Role;
  createdAt: string;
}

export function UsersList({ users, editable, currentUserId }: { users: UserRow[]; editable: boolean; currentUserId: string }) {
  const t = useTranslations('users');
  const tc = useTranslations('common');
  const tRoles = useTranslations('roles');
  const format = useFormatter();
  const router = useRouter();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<{ email: string; password: string } | null>(null);
  const [changing, setChanging] = useState<UserRow | null>(null);
  const [deleting, setDeleting] = useState<UserRow | null>(null);

  return (
    <>
      <ResourceListHeader title={t('title')} intro={t('intro')} editable={editable} createLabel={t('create')} onCreate={() => setCreating(true)} />
      <ResourceTable
        rows={users}
        emptyMessage={t('empty')}
        rowTestId="user-row"
        columns={[
          { header: t('fields.name'), cell: (u) => (u.id === currentUserId ? `${u.name} ${t('you')}` : u.name) },
          { header: t('fields.email'), cell: (u) => u.email },
          { header: t('fields.role'), cell: (u) => <span className="role-badge">{tRoles(u.role)}</span> },
          { header: t('fields.createdAt'), cell: (u) => format.dateTime(new Date(u.createdAt), { dateStyle: 'medium' }) },
        ]}
        actionsLabel={tc('actions')}
        actions={
          editable
            ? (u) => (
                <>
                  <RowButton label={t('changeRoleNamed', { name: u.name })} text={t('changeRole')} onClick={() => setChanging(u)} />{' '}
                  <RowButton label={t('deleteNamed', { name: u.name })} text={tc('delete')} onClick={() => setDeleting(u)} />
                </>
              )
            : undefined
        }
      />
      <CreateUserDialog
        key={creating ? 'open' : 'closed'}
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(user) => {
          setCreating(false);
          if (user.password) setCreated({ email: user.email, password: user.password });
          router.refresh();
        }}
      />
      <SecretDialog
        open={created !== null}
        title={t('createdTitle')}
        intro={created ? t('createdIntro', { email: created.email }) : ''}
        label={t('initialPassword')}
        secret={created?.password ?? ''}
        onClose={() => setCreated(null)}
      />
      <RoleDialog
        key={changing?.id ?? 'closed'}
        user={changing}
        onClose={() => setChanging(null)}
        onSaved={() => {
          setChanging(null);
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
          try {
            await apiRequest('DELETE', `/api/users/${deleting!.id}`);
          } catch (err) {
            // 409: the organisation's last admin; said in the user's language.
            throw isConflict(err) ? new ApiError(409, 'CONFLICT', t('lastAdminRemove', { name: deleting!.name })) : err;
          }
          router.refresh();
        }}
      />
    </>
  );
}

const isConflict = (err: unknown) => err instanceof ApiError && err.status === 409;

/** The role picker; Field's id and aria attributes (`rest`) reach the <select> so its label names it. */
function RoleSelect({ value, onChange, ...rest }: { value: Role; onChange: (role: Role) => void } & Record<string, unknown>) {
  const tRoles = useTranslations('roles');
  return (
    <select {...rest} name="role" value={value} onChange={(e) => onChange(e.target.value as Role)}>
      {roles.map((r) => (
        <option key={r} value={r}>
          {tRoles(r)}
        </option>
      ))}
    </select>
  );
}

function CreateUserDialog({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (user: { email: string; password?: string }) => void }) {
  const t = useTranslations('users');
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('agent');
  const [password, setPassword] = useState('');
  const { pending, error, run } = useApiAction();
  const errorFor = useFieldErrors(error);

  async function save() {
    let result: { email: string; password?: string } | undefined;
    const body: Record<string, unknown> = { email: email.trim(), name: name.trim(), role };
    if (password) body.password = password;
    const ok = await run(async () => {
      result = await apiRequest<{ email: string; password?: string }>('POST', '/api/users', body);
    });
    if (ok && result) onCreated(result);
  }

  return (
    <FormDialog open={open} title={t('createTitle')} onClose={onClose} onSubmit={save} pending={pending} error={error} fields={['email', 'name', 'role', 'password']}>
      <Field label={t('fields.email')} error={errorFor('email', t('emailHint'))}>
        <input type="email" name="email" autoFocus autoComplete="off" value={email} onChange={(e) => setEmail(e.target.value)} />
      </Field>
      <Field label={t('fields.name')} error={errorFor('name')}>
        <input type="text" name="name" autoComplete="off" value={name} onChange={(e) => setName(e.target.value)} />
      </Field>
      <Field label={t('fields.role')} error={errorFor('role')}>
        <RoleSelect value={role} onChange={setRole} />
      </Field>
      <Field label={t('fields.password')} hint={t('passwordHint')} error={errorFor('password')}>
        <input type="password" name="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} />
      </Field>
    </FormDialog>
  );
}

function RoleDialog({ user, onClose, onSaved }: { user: UserRow | null; onClose: () => void; onSaved: () => void }) {
  const t = useTranslations('users');
  const [role, setRole] = useState<Role>(user?.role ?? 'agent');
  const { pending, error, run } = useApiAction();
  const errorFor = useFieldErrors(error);

  async function save() {
    const ok = await run(() => apiRequest('PATCH', `/api/users/${user!.id}`, { role }));
    if (ok) onSaved();
  }

  return (
    <FormDialog open={user !== null} title={user ? t('changeRoleTitle', { name: user.name }) : ''} onClose={onClose} onSubmit={save} pending={pending} error={error} fields={['role']}>
      <Field label={t('fields.role')} error={isConflict(error) ? t('lastAdminDemote', { name: user?.name ?? '' }) : errorFor('role')}>
        <RoleSelect value={role} onChange={setRole} />
      </Field>
    </FormDialog>
  );
}
