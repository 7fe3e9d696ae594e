'use client';
// Renders a form derived from a step's JSON Schema (core/schema-form.ts) and writes every
// change back as a new config object. One component per widget kind; custom widgets
// (prompt, references, keys, durations) live beside it.
import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import { newArrayItem, setIn, type FieldDescriptor } from '../core/schema-form';
import { fieldDomId, useFieldProblem, useFormContext, useSchemaText } from './field-context';
import { KeysWidget } from './keys-widget';
import { PromptWidget } from './prompt-widget';
import { useProblemText } from '../hooks/use-problem-text';
import { ReferenceListWidget, ReferenceWidget } from './reference-widget';

type Path = (string | number)[];
type Value = Record<string, unknown>;

export function useFieldLabel() {
  const t = useTranslations('editor.fields');
  return (name: string) => (t.has(name) ? t(name) : name.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/^./, (c) => c.toUpperCase()));
}

export function FieldList({ fields, value, path, onChange }: { fields: FieldDescriptor[]; value: Value; path: Path; onChange: (next: Value) => void }) {
  return (
    <>
      {fields
        .filter((f) => !f.visibleWhen || f.visibleWhen.values.includes(String(value?.[f.visibleWhen.field] ?? '')))
        .map((field) => (
          <Field
            key={field.name}
            field={field}
            value={value?.[field.name]}
            path={[...path, field.name]}
            onChange={(next) => onChange(setIn(value ?? {}, [field.name], next) as Value)}
          />
        ))}
    </>
  );
}

export interface FieldProps {
  field: FieldDescriptor;
  value: unknown;
  path: Path;
  onChange: (next: unknown) => void;
}

export function FieldShell({ field, path, children, legend }: { field: FieldDescriptor; path: Path; children: ReactNode; legend?: boolean }) {
  const { nodeId } = useFormContext();
  const label = useFieldLabel();
  const text = useSchemaText();
  const description = text.description(field);
  const problemText = useProblemText();
  const problem = useFieldProblem(path, legend);
  const id = fieldDomId(nodeId, path);
  const title = `${label(field.name)}${field.required ? ' *' : ''}`;
  if (legend) {
    return (
      <fieldset className={`field group-field${problem ? ` has-${problem.severity}` : ''}`}>
        <legend>{title}</legend>
        {description && <span className="hint">{description}</span>}
        {children}
        {problem && <span className={`field-${problem.severity}`}>{problemText(problem)}</span>}
      </fieldset>
    );
  }
  return (
    <div className={`field${problem ? ` has-${problem.severity}` : ''}`}>
      <label htmlFor={id}>{title}</label>
      {children}
      {description && (
        <span className="hint" id={`${id}-hint`}>
          {description}
        </span>
      )}
      {problem && (
        <span className={`field-${problem.severity}`} role="status">
          {problemText(problem)}
        </span>
      )}
    </div>
  );
}

export function Field(props: FieldProps) {
  const { field } = props;
  switch (field.widget) {
    case 'prompt':
      return <PromptWidget {...props} />;
    case 'reference':
      return <ReferenceWidget {...props} />;
    case 'reference-list':
      return <ReferenceListWidget {...props} />;
    case 'keys':
      return <KeysWidget {...props} />;
    case 'boolean':
      return <BooleanField {...props} />;
    case 'enum':
      return <EnumField {...props} />;
    case 'number':
    case 'duration':
      return <NumberField {...props} />;
    case 'multi-enum':
      return <MultiEnumField {...props} />;
    case 'string-list':
      return <StringListField {...props} />;
    case 'object-array':
      return <ObjectArrayField {...props} />;
    case 'object':
      return (
        <FieldShell field={field} path={props.path} legend>
          <FieldList fields={field.fields ?? []} value={(props.value as Value) ?? {}} path={props.path} onChange={props.onChange} />
        </FieldShell>
      );
    default:
      return <TextField {...props} />;
  }
}

function TextField({ field, value, path, onChange }: FieldProps) {
  const { nodeId } = useFormContext();
  const problem = useFieldProblem(path);
  const id = fieldDomId(nodeId, path);
  const common = {
    id,
    value: typeof value === 'string' ? value : '',
    'aria-invalid': problem?.severity === 'error' ? true : undefined,
    'aria-describedby': field.description ? `${id}-hint` : undefined,
    maxLength: field.maxLength,
    className: field.widget === 'expression' ? 'code' : undefined,
    placeholder: typeof field.defaultValue === 'string' ? field.defaultValue : undefined,
    onChange: (e: { target: { value: string } }) => onChange(e.target.value === '' && !field.required ? undefined : e.target.value),
  };
  return (
    <FieldShell field={field} path={path}>
      {field.multiline ? <textarea rows={4} {...common} /> : <input type="text" spellCheck={field.widget !== 'expression'} {...common} />}
    </FieldShell>
  );
}

function NumberField({ field, value, path, onChange }: FieldProps) {
  const t = useTranslations('editor.inspector');
  const { nodeId } = useFormContext();
  const problem = useFieldProblem(path);
  const id = fieldDomId(nodeId, path);
  const min = field.minimum ?? field.exclusiveMinimum;
  return (
    <FieldShell field={field} path={path}>
      <span className="number-input">
        <input
          id={id}
          type="number"
          inputMode={field.integer ? 'numeric' : 'decimal'}
          min={min}
          max={field.maximum}
          step={field.integer ? 1 : 0.5}
          value={typeof value === 'number' ? value : ''}
          placeholder={field.defaultValue !== undefined ? String(field.defaultValue) : undefined}
          aria-invalid={problem?.severity === 'error' ? true : undefined}
          onChange={(e) => {
            const raw = e.target.value;
            if (raw === '') return onChange(undefined);
            const n = Number(raw);
            if (Number.isFinite(n)) onChange(field.integer ? Math.trunc(n) : n);
          }}
        />
        {field.widget === 'duration' && <span className="unit">{t('seconds')}</span>}
        {(min !== undefined || field.maximum !== undefined) && (
          <span className="range">
            {min ?? '…'}–{field.maximum ?? '…'}
          </span>
        )}
      </span>
    </FieldShell>
  );
}

function BooleanField({ field, value, path, onChange }: FieldProps) {
  const { nodeId } = useFormContext();
  const label = useFieldLabel();
  const description = useSchemaText().description(field);
  const id = fieldDomId(nodeId, path);
  const checked = typeof value === 'boolean' ? value : field.defaultValue === true;
  return (
    <div className="field checkbox-field">
      <label htmlFor={id}>
        <input id={id} type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} /> {label(field.name)}
      </label>
      {description && <span className="hint">{description}</span>}
    </div>
  );
}

function EnumField({ field, value, path, onChange }: FieldProps) {
  const t = useTranslations('editor.inspector');
  const { option } = useSchemaText();
  const { nodeId } = useFormContext();
  const problem = useFieldProblem(path);
  const id = fieldDomId(nodeId, path);
  const current = typeof value === 'string' ? value : '';
  return (
    <FieldShell field={field} path={path}>
      <select id={id} value={current} aria-invalid={problem?.severity === 'error' ? true : undefined} onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value)}>
        {(!field.required || current === '') && (
          <option value="">{field.defaultValue !== undefined ? t('unset', { value: option(String(field.defaultValue)) }) : t('choose')}</option>
        )}
        {field.options?.map((o) => (
          <option key={o} value={o}>
            {option(o)}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

function MultiEnumField({ field, value, path, onChange }: FieldProps) {
  const { nodeId } = useFormContext();
  const { option } = useSchemaText();
  const selected = Array.isArray(value) ? (value as string[]) : [];
  return (
    <FieldShell field={field} path={path} legend>
      <div className="checkbox-list">
        {field.options?.map((o) => (
          <label key={o} htmlFor={fieldDomId(nodeId, [...path, o])}>
            <input
              id={fieldDomId(nodeId, [...path, o])}
              type="checkbox"
              checked={selected.includes(o)}
              onChange={(e) => onChange(e.target.checked ? [...selected, o] : selected.filter((s) => s !== o))}
            />{' '}
            {option(o)}
          </label>
        ))}
      </div>
    </FieldShell>
  );
}

function StringListField({ field, value, path, onChange }: FieldProps) {
  const { nodeId } = useFormContext();
  const lines = Array.isArray(value) ? (value as string[]) : [];
  return (
    <FieldShell field={field} path={path}>
      <textarea
        id={fieldDomId(nodeId, path)}
        rows={Math.min(8, Math.max(2, lines.length + 1))}
        className="code"
        value={lines.join('\n')}
        onChange={(e) => onChange(e.target.value.split('\n').map((l) => l.trim()).filter((l, i, all) => l !== '' || i === all.length - 1))}
        onBlur={(e) => onChange(e.target.value.split('\n').map((l) => l.trim()).filter(Boolean))}
      />
    </FieldShell>
  );
}

function ObjectArrayField({ field, value, path, onChange }: FieldProps) {
  const t = useTranslations('editor.inspector');
  const items = Array.isArray(value) ? (value as Value[]) : [];
  const move = (from: number, to: number) => {
    const next = items.slice();
    const [item] = next.splice(from, 1);
    next.splice(to, 0, item);
    onChange(next);
  };
  const canRemove = items.length > (field.minItems ?? 0);
  return (
    <FieldShell field={field} path={path} legend>
      <ol className="array-items">
        {items.map((item, index) => (
          <li key={index} className="array-item">
            <div className="array-item-tools">
              <span className="muted">{t('item', { index: index + 1 })}</span>
              <button type="button" className="button link small" disabled={index === 0} onClick={() => move(index, index - 1)} aria-label={`${t('moveUp')} ${index + 1}`}>
                ↑
              </button>
              <button type="button" className="button link small" disabled={index === items.length - 1} onClick={() => move(index, index + 1)} aria-label={`${t('moveDown')} ${index + 1}`}>
                ↓
              </button>
              <button type="button" className="button link small" disabled={!canRemove} onClick={() => onChange(items.filter((_, i) => i !== index))} aria-label={`${t('remove')} ${index + 1}`}>
                ✕
              </button>
            </div>
            <FieldList fields={field.fields ?? []} value={item} path={[...path, index]} onChange={(next) => onChange(items.map((it, i) => (i === index ? next : it)))} />
          </li>
        ))}
      </ol>
      <button type="button" className="button small" disabled={field.maxItems !== undefined && items.length >= field.maxItems} onClick={() => onChange([...items, newArrayItem(field, items)])}>
        + {t('add')}
      </button>
    </FieldShell>
  );
}
