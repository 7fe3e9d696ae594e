'use client';
// A forbidden-destination list: exact numbers or prefixes that transfers may not dial.
import { useTranslations } from 'next-intl';
import { Field } from '@/app/components/form-field';
import { EditableRows } from '@/app/components/resources/editable-rows';
import { ResourceEditorForm } from '@/app/components/resources/resource-editor-form';
import { useResourceEditor } from '@/app/components/resources/use-resource-editor';
import type { ForbiddenListForm } from './list-data';

const kinds = ['prefix', 'exact'] as const;
type Entry = ForbiddenListForm['entries'][number];

export function ForbiddenListEditor({ initial, editable }: { initial: ForbiddenListForm; editable: boolean }) {
  const t = useTranslations('forbidden');
  const tc = useTranslations('common');
  const { form, update, save, saved, pending, error, errorFor } = useResourceEditor(initial, {
    apiPath: '/api/forbidden-lists',
    listHref: '/forbidden-destinations',
    toBody: (f) => ({
      name: f.name.trim(),
      description: f.description?.trim() || null,
      entries: f.entries.map((e) => ({ kind: e.kind, pattern: e.pattern.replace(/[\s.-]/g, ''), label: e.label?.trim() || null })),
    }),
  });

  return (
    <ResourceEditorForm
      listHref="/forbidden-destinations"
      backLabel={t('back')}
      title={form.id ? initial.name : t('createTitle')}
      intro={t('editorIntro')}
      editable={editable}
      saved={saved}
      pending={pending}
      error={error}
      fields={['name', 'description', 'entries']}
      submitLabel={form.id ? tc('save') : t('createSubmit')}
      onSave={save}
    >
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
        <EditableRows
          items={form.entries}
          onChange={(entries) => update({ entries })}
          columns={() => '11rem minmax(10rem, 1fr) minmax(10rem, 1fr) auto'}
          rowLabel={(index) => t('entryNumber', { number: index + 1 })}
          removeLabel={(entry, index) => t('removeEntry', { pattern: entry.pattern || String(index + 1) })}
          emptyMessage={t('noEntries')}
          addLabel={t('addEntry')}
          newItem={(): Entry => ({ kind: 'prefix', pattern: '', label: null })}
        >
          {(entry, index, change) => (
            <>
              <Field label={t('fields.kind')} error={errorFor(`entries/${index}/kind`)}>
                <select value={entry.kind} onChange={(e) => change({ kind: e.target.value as 'exact' | 'prefix' })}>
                  {kinds.map((kind) => (
                    <option key={kind} value={kind}>
                      {t(`kinds.${kind}`)}
                    </option>
                  ))}
                </select>
              </Field>
              <Field label={t('fields.pattern')} error={errorFor(`entries/${index}/pattern`, t('patternHint'))}>
                <input type="text" inputMode="tel" value={entry.pattern} placeholder="+3389" onChange={(e) => change({ pattern: e.target.value })} />
              </Field>
              <Field label={t('fields.label')} error={errorFor(`entries/${index}/label`)}>
                <input type="text" value={entry.label ?? ''} onChange={(e) => change({ label: e.target.value })} />
              </Field>
            </>
          )}
        </EditableRows>
      </section>
    </ResourceEditorForm>
  );
}
