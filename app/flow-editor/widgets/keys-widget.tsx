'use client';
// Menu keys: a telephone keypad to toggle keys on and off, then one row per chosen key (in
// output order) with its label, reorder and remove. Each key becomes an output of the node.
import { useTranslations } from 'next-intl';
import { fieldDomId, useFormContext } from './field-context';
import { FieldShell, type FieldProps } from './schema-form';

const KEYPAD = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'];
type Key = { key: string; label?: string };

export function KeysWidget({ field, value, path, onChange }: FieldProps) {
  const t = useTranslations('editor.inspector');
  const { nodeId } = useFormContext();
  const keys = Array.isArray(value) ? (value as Key[]) : [];
  const has = (k: string) => keys.some((key) => key.key === k);
  const toggle = (k: string) => (has(k) ? onChange(keys.filter((key) => key.key !== k)) : onChange([...keys, { key: k }]));
  const move = (from: number, to: number) => {
    const next = keys.slice();
    const [item] = next.splice(from, 1);
    next.splice(to, 0, item);
    onChange(next);
  };
  return (
    <FieldShell field={field} path={path} legend>
      <span className="hint">{t('keys.hint')}</span>
      <div className="keypad" role="group" aria-label={t('keys.legend')}>
        {KEYPAD.map((k) => (
          <button
            key={k}
            type="button"
            className="keypad-key"
            aria-pressed={has(k)}
            disabled={!has(k) && field.maxItems !== undefined && keys.length >= field.maxItems}
            onClick={() => toggle(k)}
          >
            {k}
          </button>
        ))}
      </div>
      <ol className="key-rows">
        {keys.map((key, index) => {
          const id = fieldDomId(nodeId, [...path, index, 'label']);
          return (
            <li key={`${key.key}-${index}`} className="key-row">
              <span className="key-cap" aria-hidden>
                {key.key}
              </span>
              <label htmlFor={id} className="visually-hidden">
                {t('keys.labelFor', { key: key.key })}
              </label>
              <input
                id={id}
                type="text"
                maxLength={80}
                value={key.label ?? ''}
                placeholder={t('keys.labelFor', { key: key.key })}
                onChange={(e) => onChange(keys.map((k, i) => (i === index ? (e.target.value ? { ...k, label: e.target.value } : { key: k.key }) : k)))}
              />
              <button type="button" className="button link small" disabled={index === 0} onClick={() => move(index, index - 1)} aria-label={`${t('moveUp')} ${key.key}`}>
                ↑
              </button>
              <button type="button" className="button link small" disabled={index === keys.length - 1} onClick={() => move(index, index + 1)} aria-label={`${t('moveDown')} ${key.key}`}>
                ↓
              </button>
              <button type="button" className="button link small" onClick={() => toggle(key.key)} aria-label={`${t('remove')} ${key.key}`}>
                ✕
              </button>
            </li>
          );
        })}
      </ol>
    </FieldShell>
  );
}
