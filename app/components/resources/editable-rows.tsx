'use client';
// Repeatable rows of an editor (list entries, calendar exceptions): a labelled group per row
// with its fields and a Remove button, an empty message, and "+ Add …" at the end.
import { useTranslations } from 'next-intl';
import type { CSSProperties, ReactNode } from 'react';
import { RowButton } from './row-button';
import { removeAt, updateAt } from './rows';

export interface EditableRowsProps<Item> {
  items: readonly Item[];
  onChange: (items: Item[]) => void;
  /** The CSS grid columns of a row (its fields, then the Remove button). */
  columns: (item: Item) => string;
  rowLabel: (index: number) => string;
  removeLabel: (item: Item, index: number) => string;
  emptyMessage: string;
  addLabel: string;
  newItem: () => Item;
  /** The row's fields; `change` merges a patch into this row. */
  children: (item: Item, index: number, change: (patch: Partial<Item>) => void) => ReactNode;
}

export function EditableRows<Item>({ items, onChange, columns, rowLabel, removeLabel, emptyMessage, addLabel, newItem, children }: EditableRowsProps<Item>) {
  const tc = useTranslations('common');
  return (
    <>
      {items.length === 0 && <p className="muted">{emptyMessage}</p>}
      {items.map((item, index) => (
        <div
          key={index}
          className="entry-row"
          style={{ '--entry-columns': columns(item) } as CSSProperties}
          role="group"
          aria-label={rowLabel(index)}
        >
          {children(item, index, (patch) => onChange(updateAt(items, index, patch)))}
          <div className="field">
            <span className="label" aria-hidden="true">
              &nbsp;
            </span>
            <RowButton label={removeLabel(item, index)} text={tc('remove')} onClick={() => onChange(removeAt(items, index))} />
          </div>
        </div>
      ))}
      <button type="button" className="button small" onClick={() => onChange([...items, newItem()])}>
        + {addLabel}
      </button>
    </>
  );
}
