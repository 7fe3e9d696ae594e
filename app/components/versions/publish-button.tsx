'use client';
// "Publish" on the flow and versions pages: opens the publish dialog (publish-dialog.tsx),
// then says which version went live and refreshes the page.
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { PublishDialog } from './publish-dialog';
import styles from './versions.module.css';

export function PublishButton({ flowId, nextNumber, draftRevision }: { flowId: string; nextNumber: number; draftRevision?: number }) {
  const t = useTranslations('versions');
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [done, setDone] = useState<number | null>(null);

  return (
    <>
      <button type="button" className="button primary" onClick={() => { setDone(null); setOpen(true); }}>
        {t('publish')}
      </button>
      {done !== null && (
        <p role="status" className={styles.status}>
          {t('published', { number: done })}
        </p>
      )}
      <PublishDialog
        open={open}
        onClose={() => setOpen(false)}
        flowId={flowId}
        nextNumber={nextNumber}
        draftRevision={draftRevision}
        onPublished={(version) => {
          setDone(version.number);
          router.refresh();
        }}
      />
    </>
  );
}
