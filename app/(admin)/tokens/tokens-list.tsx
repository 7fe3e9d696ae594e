'use client';
// The user's personal API tokens: create (the secret is shown once), list, revoke.
import { useFormatter, useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { apiRequest } from '@/app/components/api-client';
import { ConfirmDialog } from '@/app/components/confirm-dialog';
import { Field } from '@/app/components/form-field';
import { FormDialog } from '@/app/components/resources/form-dialog';
import { ResourceListHeader } from '@/app/components/resources/resource-list-header';
import { ResourceTable } from '@/app/components/resources/resource-table';
import { RowButton } from '@/app/components/resources/row-button';
import { useApiAction } from '@/app/components/use-api-action';
import { useFieldErrors } from '@/app/components/use-field-errors';
import { SecretDialog } from '@/app/components/secret-dialog';

export interface TokenRow {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
}

const EXPIRY_CHOICES = ['', '30', '90', '365'] as const;

export function TokensList({ tokens }: { tokens: TokenRow[] }) {
  const t = useTranslations('tokens');
  const tc = useTranslations('common');
  const format = useFormatter();
  const router = useRouter();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  const [revoking, setRevoking] = useState<TokenRow | null>(null);
  const when = (iso: string) => format.dateTime(new Date(iso), { dateStyle: 'medium', timeStyle: 'short' });
  const expired = (row: TokenRow) => row.expiresAt !== null && new Date(row.expiresAt).getTime() <= Date.now();

  return (
    <>
      <ResourceListHeader title={t('title')} intro={t('intro')} editable createLabel={t('create')} onCreate={() => setCreating(true)} />
      <ResourceTable
        rows={tokens}
        emptyMessage={t('empty')}
        rowTestId="token-row"
        columns={[
          { header: t('fields.name'), cell: (r) => r.name },
          { header: t('fields.prefix'), cell: (r) => <code>{r.prefix}…</code> },
          { header: t('fields.createdAt'), cell: (r) => when(r.createdAt) },
          { header: t('fields.lastUsedAt'), cell: (r) => (r.lastUsedAt ? when(r.lastUsedAt) : <span className="muted">{t('neverUsed')}</span>) },
          {
            header: t('fields.expiresAt'),
            cell: (r) =>
              r.expiresAt ? (
                <span className={expired(r) ? 'tag' : undefined}>{expired(r) ? t('expired', { date: when(r.expiresAt) }) : when(r.expiresAt)}</span>
              ) : (
                <span className="muted">{t('noExpiry')}</span>
              ),
          },
        ]}
        actionsLabel={tc('actions')}
        actions={(r) => <RowButton label={t('revokeNamed', { name: r.name })} text={t('revoke')} onClick={() => setRevoking(r)} />}
      />
      <CreateTokenDialog
        key={creating ? 'open' : 'closed'}
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(token) => {
          setCreating(false);
          setCreated(token);
          router.refresh();
        }}
      />
      <SecretDialog
        open={created !== null}
        title={t('createdTitle')}
        intro={created ? t('createdIntro', { name: created.name }) : ''}
        label={t('secretLabel')}
        secret={created?.token ?? ''}
        onClose={() => setCreated(null)}
      />
      <ConfirmDialog
        open={revoking !== null}
        title={t('revokeTitle')}
        message={revoking ? t('revokeConfirm', { name: revoking.name }) : ''}
        confirmLabel={t('revoke')}
        onClose={() => setRevoking(null)}
        onConfirm={async () => {
          await apiRequest('DELETE', `/api/tokens/${revoking!.id}`);
          router.refresh();
        }}
      />
    </>
  );
}

function CreateTokenDialog({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (token: { name: string; token: string }) => void }) {
  const t = useTranslations('tokens');
  const [name, setName] = useState('');
  const [expiry, setExpiry] = useState<(typeof EXPIRY_CHOICES)[number]>('');
  const { pending, error, run } = useApiAction();
  const errorFor = useFieldErrors(error);

  async function save() {
    let result: { name: string; token: string } | undefined;
    const ok = await run(async () => {
      result = await apiRequest<{ name: string; token: string }>('POST', '/api/tokens', {
        name: name.trim(),
        expiresInDays: expiry ? Number(expiry) : null,
      });
    });
    if (ok && result) onCreated(result);
  }

  return (
    <FormDialog open={open} title={t('createTitle')} onClose={onClose} onSubmit={save} pending={pending} error={error} fields={['name', 'expiresInDays']} submitLabel={t('createSubmit')}>
      <Field label={t('fields.name')} hint={t('nameHint')} error={errorFor('name')}>
        <input type="text" name="name" autoFocus maxLength={120} value={name} onChange={(e) => setName(e.target.value)} />
      </Field>
      <Field label={t('fields.expiresIn')} error={errorFor('expiresInDays')}>
        <select name="expiresInDays" value={expiry} onChange={(e) => setExpiry(e.target.value as (typeof EXPIRY_CHOICES)[number])}>
          {EXPIRY_CHOICES.map((days) => (
            <option key={days} value={days}>
              {days ? t('expiresInDays', { days: Number(days) }) : t('noExpiry')}
            </option>
          ))}
        </select>
      </Field>
    </FormDialog>
  );
}
