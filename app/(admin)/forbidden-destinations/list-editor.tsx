'use client';
// A forbidden-destination list: exact numbers or prefixes that transfers may not dial.
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState, type CSSProperties } from 'react';
import { apiRequest } from '@/app/components/api-client';
import { ErrorAlert } from '@/app/components/error-alert';
import { Field } from '@/app/components/form-field';
import { PageHeader } from '@/app/components/page-header';
import { useApiAction } from '@/app/components/use-api-action';
import { useFieldErrors } from '@/app/components/use-field-errors';
import type { ForbiddenListForm } from './list-data';

const kinds = ['prefix', 'exact'] as const;

export function ForbiddenListEditor({ initial, editable }: { initial: ForbiddenListForm; editable: boolean }) {
  const t = useTranslations('forbidden');
  const tc = useTranslations('common');
  const router = useRouter();
  const [form, setForm] = useState(initial);
  const [saved, setSaved] = useState(false);
  const { pending, error, run } = useApiAction();
  const errorFor = useFieldErrors(error);

  const update = (patch: Partial<ForbiddenListForm>) => {
    setSaved(false);
    setForm((f) => ({ ...f, ...patch }));
  };
  const setEntry = (index: number, patch: Partial<ForbiddenListForm['entries'][number]>) =>
    update({ entries: form.entries.map((e, i) => (i === index ? { ...e, ...patch } : e)) });

  async function save() {
    const body = {
      name: form.name.trim(),
      description: form.description?.trim() || null,
      entries: form.entries.map((e) => ({ kind: e.kind, pattern: e.pattern.replace(/[\s.-]/g, ''), label: e.label?.trim() || null })),
    };
    const ok = await run(() =>
      form.id ? apiRequest('PATCH', `/api/forbidden-lists/${form.id}`, body) : apiRequest('POST', '/api/forbidden-lists', body),
    );
    if (!ok) return;
    if (form.id) {
      setSaved(true);
      router.refresh();
    } else {
      router.push('/forbidden-destinations');
      router.refresh();
    }
  }

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <p>
        <Link href="/forbidden-destinations">← {t('back')}</Link>
      </p>
      <PageHeader title={form.id ? initial.name : t('createTitle')} intro={t('editorIntro')} />
      {!editable && <p className="alert">{tc('readOnly')}</p>}
      {saved && (
        <p className="alert success" role="status">
          {tc('saved')}
        </p>
      )}
      <ErrorAlert error={error} ignoreFields={['name', 'description', 'entries']} />
      <fieldset disabled={!editable || pending} style={{ border: 0, padding: 0, margin: 0 }}>
        <section className="card">
          <Field label={t('fields.name')} error={errorFor('name')}>
            <input type="text" name="name" value={form.name} onChange={(e) => update({ name: e.target.value })} />
          </Field>
          <Field label={t('fields.description')} hint={tc('optional')} error={errorFor('description')}>
            <textarea name="description" rows={2} value={form.description ?? ''} onChange={(e) => update({ description: e.target.value })} />
          </Field>
        </section>
        <section className="card" aria-labelledby="entries-heading">
          <h2 id="entries-heading">{t('fields.entries')}</h2>
          <p className="muted">{t('entriesIntro')}</p>
          {form.entries.length === 0 && <p className="muted">{t('noEntries')}</p>}
          {form.entries.map((entry, index) => (
            <div
              key={index}
              className="entry-row"
              style={{ '--entry-columns': '11rem minmax(10rem, 1fr) minmax(10rem, 1fr) auto' } as CSSProperties}
              role="group" aria-label={t('entryNumber', { number: index + 1 })}>
              <Field label={t('fields.kind')} error={errorFor(`entries/${index}/kind`)}>
                <select value={entry.kind} onChange={(e) => setEntry(index, { kind: e.target.value as 'exact' | 'prefix' })}>
                  {kinds.map((kind) => (
                    <option key={kind} value={kind}>
                      {t(`kinds.${kind}`)}
                    </option>
                  ))}
                </select>
              </Field>
              <Field label={t('fields.pattern')} error={errorFor(`entries/${index}/pattern`, t('patternHint'))}>
                <input type="text" inputMode="tel" value={entry.pattern} placeholder="+3389" onChange={(e) => setEntry(index, { pattern: e.target.value })} />
              </Field>
              <Field label={t('fields.label')} error={errorFor(`entries/${index}/label`)}>
                <input type="text" value={entry.label ?? ''} onChange={(e) => setEntry(index, { label: e.target.value })} />
              </Field>
              <div className="field">
                <span className="label" aria-hidden="true">
                  &nbsp;
                </span>
                <button
                  type="button"
                  className="button small"
                  aria-label={t('removeEntry', { pattern: entry.pattern || String(index + 1) })}
                  onClick={() => update({ entries: form.entries.filter((_, i) => i !== index) })}
                >
                  {tc('remove')}
                </button>
              </div>
            </div>
          ))}
          <button type="button" className="button small" onClick={() => update({ entries: [...form.entries, { kind: 'prefix', pattern: '', label: null }] })}>
            + {t('addEntry')}
          </button>
        </section>
        {editable && (
          <div className="button-row">
            <button type="submit" className="button primary" disabled={pending} aria-busy={pending}>
              {pending ? tc('saving') : form.id ? tc('save') : t('createSubmit')}
            </button>
            <Link href="/forbidden-destinations" className="button">
              {tc('cancel')}
            </Link>
          </div>
        )}
      </fieldset>
    </form>
  );
}
