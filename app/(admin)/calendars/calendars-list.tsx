'use client';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { ConfirmDeleteDialog } from '@/app/components/resources/confirm-delete';
import { ResourceListHeader } from '@/app/components/resources/resource-list-header';
import { ResourceTable } from '@/app/components/resources/resource-table';
import { RowButton } from '@/app/components/resources/row-button';

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
  const [deleting, setDeleting] = useState<CalendarRow | null>(null);
  return (
    <>
      <ResourceListHeader title={t('title')} intro={t('intro')} editable={editable} createLabel={t('create')} createHref="/calendars/new" />
      <ResourceTable
        rows={calendars}
        emptyMessage={t('empty')}
        columns={[
          { header: t('fields.name'), cell: (c) => <Link href={`/calendars/${c.id}`}>{c.name}</Link> },
          { header: t('fields.timezone'), cell: (c) => c.timezone },
          { header: t('fields.holidayCountry'), cell: (c) => c.holidayCountry ?? <span className="muted">{tc('none')}</span> },
          { header: t('summary'), className: 'muted', cell: (c) => t('counts', { ranges: c.rangeCount, exceptions: c.exceptionCount }) },
        ]}
        actionsLabel={tc('actions')}
        actions={editable ? (c) => <RowButton label={t('deleteNamed', { name: c.name })} text={tc('delete')} onClick={() => setDeleting(c)} /> : undefined}
      />
      <ConfirmDeleteDialog namespace="calendars" target={deleting && { url: `/api/calendars/${deleting.id}`, name: deleting.name }} onClose={() => setDeleting(null)} />
    </>
  );
}
