'use client';
// Deleting a resource is always the same: ask, DELETE its API URL, refresh the server-rendered
// list. The texts come from the resource's namespace: deleteNamed, deleteTitle, deleteConfirm.
// Objects flows can use (groups, calendars, sounds, agents, lists, flows) go through the usage
// dialog: refused with the flows named while a draft or live version uses them.
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { apiRequest } from '@/app/components/api-client';
import { ConfirmDialog } from '@/app/components/confirm-dialog';
import { UsageDeleteDialog } from '@/app/components/usage/usage-delete-dialog';
import { usageTargetOf } from '@/app/components/usage/usage-types';
import { RowButton } from './row-button';

export interface DeleteTarget {
  /** e.g. "/api/groups/…" */
  url: string;
  name: string;
}

/** The confirmation for one list-level "deleting" state (target null: closed). */
export function ConfirmDeleteDialog({ namespace, target, onClose }: { namespace: string; target: DeleteTarget | null; onClose: () => void }) {
  const t = useTranslations(namespace);
  const tc = useTranslations('common');
  const router = useRouter();
  const usageTarget = target ? usageTargetOf(target.url) : null;
  if (target && usageTarget) {
    return (
      <UsageDeleteDialog
        open
        title={t('deleteTitle')}
        message={t('deleteConfirm', { name: target.name })}
        name={target.name}
        url={target.url}
        kind={usageTarget.kind}
        id={usageTarget.id}
        onClose={onClose}
        onDeleted={() => router.refresh()}
      />
    );
  }
  return (
    <ConfirmDialog
      open={target !== null}
      title={t('deleteTitle')}
      message={target ? t('deleteConfirm', { name: target.name }) : ''}
      confirmLabel={tc('delete')}
      onClose={onClose}
      onConfirm={async () => {
        await apiRequest('DELETE', target!.url);
        router.refresh();
      }}
    />
  );
}

/** The row's "Delete" button (labelled with the row's name), with its own confirmation. */
export function ConfirmDeleteButton({ namespace, url, name }: { namespace: string } & DeleteTarget) {
  const t = useTranslations(namespace);
  const tc = useTranslations('common');
  const [open, setOpen] = useState(false);
  return (
    <>
      <RowButton label={t('deleteNamed', { name })} text={tc('delete')} onClick={() => setOpen(true)} />
      <ConfirmDeleteDialog namespace={namespace} target={open ? { url, name } : null} onClose={() => setOpen(false)} />
    </>
  );
}
