'use client';
// Pickers for organisation objects (x-reference fields): a select of the organisation's
// sounds, groups, calendars, numbers, flows, agents or forbidden lists, a "create new" link to
// their admin page (new tab) and a refresh of the lists once created.
import { useTranslations } from 'next-intl';
import type { ReferenceKind } from '@/schemas';
import { fieldDomId, useFieldProblem, useFormContext } from './field-context';
import { FieldShell, type FieldProps } from './schema-form';

export function ReferenceLinks({ kind }: { kind: ReferenceKind }) {
  const t = useTranslations('editor');
  const { onRefreshReferences } = useFormContext();
  return (
    <span className="reference-links">
      <a href={t(`createLinks.${kind}`)} target="_blank" rel="noopener">
        + {t('inspector.createNew')}
      </a>
      <button type="button" className="button link small" onClick={onRefreshReferences} title={t('inspector.refresh')} aria-label={t('inspector.refresh')}>
        ↻
      </button>
    </span>
  );
}

export function ReferenceSelect({ id, kind, value, required, onChange, invalid }: { id: string; kind: ReferenceKind; value: unknown; required: boolean; onChange: (v: string | undefined) => void; invalid?: boolean }) {
  const t = useTranslations('editor.inspector');
  const { references } = useFormContext();
  const options = references[kind];
  const current = typeof value === 'string' ? value : '';
  const known = options.some((o) => o.id === current);
  return (
    <select id={id} value={current} aria-invalid={invalid ? true : undefined} onChange={(e) => onChange(e.target.value || undefined)}>
      <option value="">{required ? t('choose') : t('none')}</option>
      {current && !known && <option value={current}>{current} (?)</option>}
      {options.map((o) => (
        <option key={o.id} value={o.id}>
          {o.name}
        </option>
      ))}
    </select>
  );
}

export function ReferenceWidget({ field, value, path, onChange }: FieldProps) {
  const { nodeId } = useFormContext();
  const problem = useFieldProblem(path);
  const kind = field.referenceKind!;
  return (
    <FieldShell field={field} path={path}>
      <span className="reference-picker">
        <ReferenceSelect id={fieldDomId(nodeId, path)} kind={kind} value={value} required={field.required} onChange={onChange} invalid={problem?.severity === 'error'} />
        <ReferenceLinks kind={kind} />
      </span>
    </FieldShell>
  );
}

export function ReferenceListWidget({ field, value, path, onChange }: FieldProps) {
  const { nodeId, references } = useFormContext();
  const kind = field.referenceKind!;
  const selected = Array.isArray(value) ? (value as string[]) : [];
  return (
    <FieldShell field={field} path={path} legend>
      <div className="checkbox-list">
        {references[kind].map((o) => (
          <label key={o.id} htmlFor={fieldDomId(nodeId, [...path, o.id])}>
            <input
              id={fieldDomId(nodeId, [...path, o.id])}
              type="checkbox"
              checked={selected.includes(o.id)}
              onChange={(e) => onChange(e.target.checked ? [...selected, o.id] : selected.filter((s) => s !== o.id))}
            />{' '}
            {o.name}
          </label>
        ))}
      </div>
      <ReferenceLinks kind={kind} />
    </FieldShell>
  );
}
