'use client';
// The contact directory: search (name, company, email or a number in any spelling), add / edit
// in a dialog, delete with confirmation, CSV import with a preview of every bad row, CSV export.
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { ConfirmDeleteDialog } from '@/app/components/resources/confirm-delete';
import { PageHeader } from '@/app/components/page-header';
import { ResourceTable } from '@/app/components/resources/resource-table';
import { RowButton } from '@/app/components/resources/row-button';
import { ContactDialog, type ContactRow } from './contact-dialog';
import { ImportDialog } from './import-dialog';

type Editing = { mode: 'create' } | { mode: 'edit'; contact: ContactRow };

export function ContactsList({ contacts, nextCursor, query, paged, editable }: { contacts: ContactRow[]; nextCursor: string | null; query: string; paged: boolean; editable: boolean }) {
  const t = useTranslations('contacts');
  const tc = useTranslations('common');
  const router = useRouter();
  const [editing, setEditing] = useState<Editing | null>(null);
  const [deleting, setDeleting] = useState<ContactRow | null>(null);
  const [importing, setImporting] = useState(false);
  const search = query ? `q=${encodeURIComponent(query)}&` : '';

  return (
    <>
      <PageHeader
        title={t('title')}
        intro={t('intro')}
        actions={
          <>
            <a className="button" href="/api/contacts/export" download>
              {t('export')}
            </a>
            {editable && (
              <>
                {' '}
                <button type="button" className="button" onClick={() => setImporting(true)}>
                  {t('import')}
                </button>{' '}
                <button type="button" className="button primary" onClick={() => setEditing({ mode: 'create' })}>
                  {t('create')}
                </button>
              </>
            )}
          </>
        }
      />
      <form role="search" method="get" action="/contacts" className="contacts-toolbar">
        <label htmlFor="contact-search" className="visually-hidden">
          {t('search')}
        </label>
        <input id="contact-search" type="search" name="q" defaultValue={query} placeholder={t('searchPlaceholder')} maxLength={200} />{' '}
        <button type="submit" className="button">
          {t('searchSubmit')}
        </button>
        {query && (
          <>
            {' '}
            <Link href="/contacts">{t('clearSearch')}</Link>
          </>
        )}
      </form>
      <ResourceTable
        rows={contacts}
        emptyMessage={query ? t('noMatch', { query }) : t('empty')}
        columns={[
          { header: t('fields.name'), cell: (c) => c.name },
          { header: t('fields.company'), className: 'muted', cell: (c) => c.company ?? '' },
          {
            header: t('fields.numbers'),
            cell: (c) => (
              <ul className="contacts-numbers">
                {c.numbers.map((n, i) => (
                  <li key={i}>
                    <span title={n.canonical}>{n.number}</span>
                    {n.label && <span className="muted"> ({n.label})</span>}
                  </li>
                ))}
              </ul>
            ),
          },
          { header: t('fields.email'), className: 'muted', cell: (c) => c.email ?? '' },
        ]}
        actionsLabel={tc('actions')}
        actions={
          editable
            ? (c) => (
                <>
                  <RowButton label={t('editNamed', { name: c.name })} text={tc('edit')} onClick={() => setEditing({ mode: 'edit', contact: c })} />{' '}
                  <RowButton label={t('deleteNamed', { name: c.name })} text={tc('delete')} onClick={() => setDeleting(c)} />
                </>
              )
            : undefined
        }
      />
      {(paged || nextCursor) && (
        <nav className="contacts-toolbar" aria-label={t('pages')}>
          {paged && <Link href={`/contacts?${search}`}>{t('firstPage')}</Link>}{' '}
          {nextCursor && <Link href={`/contacts?${search}cursor=${encodeURIComponent(nextCursor)}`}>{t('nextPage')}</Link>}
        </nav>
      )}
      <ContactDialog
        key={editing ? (editing.mode === 'create' ? 'create' : editing.contact.id) : 'closed'}
        initial={editing?.mode === 'edit' ? editing.contact : null}
        open={editing !== null}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          router.refresh();
        }}
      />
      <ImportDialog
        key={importing ? 'open' : 'closed'}
        open={importing}
        onClose={() => setImporting(false)}
        onImported={() => router.refresh()}
      />
      <ConfirmDeleteDialog namespace="contacts" target={deleting && { url: `/api/contacts/${deleting.id}`, name: deleting.name }} onClose={() => setDeleting(null)} />
    </>
  );
}
