'use client';
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { apiRequest } from '@/app/components/api-client';
import { ConfirmDialog } from '@/app/components/confirm-dialog';

export function DeleteListButton({ id, name }: { id: string; name: string }) {
  const t = useTranslations('forbidden');
  const tc = useTranslations('common');
  const router = useRouter();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="button small" aria-label={t('deleteNamed', { name })} onClick={() => setOpen(true)}>
        {tc('delete')}
      </button>
      <ConfirmDialog
        open={open}
        title={t('deleteTitle')}
        message={t('deleteConfirm', { name })}
        confirmLabel={tc('delete')}
        onClose={() => setOpen(false)}
        onConfirm={async () => {
          await apiRequest('DELETE', `/api/forbidden-lists/${id}`);
          router.refresh();
        }}
      />
    </>
  );
}
