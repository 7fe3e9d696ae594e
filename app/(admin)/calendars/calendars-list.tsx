'use client';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { apiRequest } from '@/app/components/api-client';
import { ConfirmDialog } from '@/app/components/confirm-dialog';
import { PageHeader } from '@/app/components/page-header';

interface CalendarRow {
  id: string;
  name: string;
  timezone: string;
  holidayCountry: string | null;
  rangeCount: number;
  exceptionCount: number;
}

export function CalendarsList({ calendars, editable }: { calendars: CalendarRow[]; editable: boolean }) {
  const t = useTranslations('calendars');
  const tc = useTranslations('common');
  const router = useRouter();
  const [deleting, setDeleting] = useState<CalendarRow | null>(null);
  return (
    <>
      <PageHeader
        title={t('title')}
        intro={t('intro')}
        actions={
          editable && (
            <Link href="/calendars/new" className="button primary">
              {t('create')}
            </Link>
          )
        }
      />
      {calendars.length === 0 ? (
        <div className="empty-state">
          <p>{t('empty')}</p>
        </div>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('fields.name')}</th>
                <th scope="col">{t('fields.timezone')}</th>
                <th scope="col">{t('fields.holidayCountry')}</th>
                <th scope="col">{t('summary')}</th>
                {editable && (
                  <th scope="col">
                    <span className="visually-hidden">{tc('actions')}</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {calendars.map((c) => (
                <tr key={c.id}>
                  <td>
                    <Link href={`/calendars/${c.id}`}>{c.name}</Link>
                  </td>
                  <td>{c.timezone}</td>
                  <td>{c.holidayCountry ?? <span className="muted">{tc('none')}</span>}</td>
                  <td className="muted">{t('counts', { ranges: c.rangeCount, exceptions: c.exceptionCount })}</td>
                  {editable && (
                    <td className="actions">
                      <button type="button" className="button small" aria-label={t('deleteNamed', { name: c.name })} onClick={() => setDeleting(c)}>
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
      <ConfirmDialog
        open={deleting !== null}
        title={t('deleteTitle')}
        message={deleting ? t('deleteConfirm', { name: deleting.name }) : ''}
        confirmLabel={tc('delete')}
        onClose={() => setDeleting(null)}
        onConfirm={async () => {
          await apiRequest('DELETE', `/api/calendars/${deleting!.id}`);
          router.refresh();
        }}
      />
    </>
  );
}
