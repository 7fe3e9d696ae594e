'use client';
// Pause reasons (issue 14): the reasons agents choose from when they pause (lunch, training…).
// Admins add, rename, reorder (position) and delete them; everyone else reads them.
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { apiRequest } from '@/app/components/api-client';
import { ErrorAlert } from '@/app/components/error-alert';
import { RowButton } from '@/app/components/resources/row-button';
import { useApiAction } from '@/app/components/use-api-action';

export interface PauseReasonRow {
  id: string;
  label: string;
  position: number;
}

export function PauseReasonsSection({ reasons, editable }: { reasons: PauseReasonRow[]; editable: boolean }) {
  const t = useTranslations('pauseReasons');
  const tc = useTranslations('common');
  const router = useRouter();
  const [label, setLabel] = useState('');
  const [editing, setEditing] = useState<{ id: string; label: string } | null>(null);
  const { pending, error, run } = useApiAction();
  const act = async (call: () => Promise<unknown>) => {
    if (await run(call)) {
      setEditing(null);
      setLabel('');
      router.refresh();
    }
  };
  return (
    <section aria-labelledby="pause-reasons-title" data-testid="pause-reasons" className="card" style={{ marginTop: '1.5rem' }}>
      <h2 id="pause-reasons-title">{t('title')}</h2>
      <p className="muted">{t('intro')}</p>
      {error ? <ErrorAlert error={error} /> : null}
      {reasons.length === 0 ? (
        <p className="muted">{t('empty')}</p>
      ) : (
        <ol className="member-list">
          {reasons.map((r, index) => (
            <li key={r.id} data-testid="pause-reason">
              {editing?.id === r.id ? (
                <>
                  <input type="text" aria-label={t('label')} value={editing.label} onChange={(e) => setEditing({ id: r.id, label: e.target.value })} />
                  <button type="button" className="button small" disabled={pending} onClick={() => act(() => apiRequest('PATCH', `/api/pause-reasons/${r.id}`, { label: editing.label }))}>
                    {tc('save')}
                  </button>
                </>
              ) : (
                <span className="name">{r.label}</span>
              )}
              {editable && editing?.id !== r.id && (
                <>
                  <button type="button" className="button small" disabled={index === 0 || pending} aria-label={t('moveUp', { label: r.label })} onClick={() => act(() => swap(reasons, index, index - 1))}>
                    ↑
                  </button>
                  <button type="button" className="button small" disabled={index === reasons.length - 1 || pending} aria-label={t('moveDown', { label: r.label })} onClick={() => act(() => swap(reasons, index, index + 1))}>
                    ↓
                  </button>
                  <RowButton label={t('renameNamed', { label: r.label })} text={tc('edit')} onClick={() => setEditing({ id: r.id, label: r.label })} />
                  <RowButton label={t('deleteNamed', { label: r.label })} text={tc('delete')} onClick={() => act(() => apiRequest('DELETE', `/api/pause-reasons/${r.id}`))} />
                </>
              )}
            </li>
          ))}
        </ol>
      )}
      {editable && (
        <form
          className="inline-fields"
          onSubmit={(e) => {
            e.preventDefault();
            if (label.trim()) void act(() => apiRequest('POST', '/api/pause-reasons', { label: label.trim() }));
          }}
        >
          <input type="text" name="pauseReasonLabel" aria-label={t('label')} placeholder={t('placeholder')} value={label} onChange={(e) => setLabel(e.target.value)} />
          <button type="submit" className="button" disabled={pending || !label.trim()}>
            {tc('add')}
          </button>
        </form>
      )}
    </section>
  );
}

/** Positions follow the list order: the two swapped reasons get each other's index. */
async function swap(reasons: PauseReasonRow[], a: number, b: number): Promise<void> {
  await apiRequest('PATCH', `/api/pause-reasons/${reasons[a].id}`, { position: b });
  await apiRequest('PATCH', `/api/pause-reasons/${reasons[b].id}`, { position: a });
}
