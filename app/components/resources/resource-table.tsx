// Every resource list is the same table (empty state, header row, hidden "actions" column for
// editors); pages only say which columns they show. No hooks, so server pages can render it too.
import type { ReactNode } from 'react';

export interface ResourceColumn<Row> {
  header: string;
  cell: (row: Row) => ReactNode;
  className?: string;
}

export interface ResourceTableProps<Row extends { id: string }> {
  rows: readonly Row[];
  columns: readonly ResourceColumn<Row>[];
  emptyMessage: string;
  /** Shown under the empty message (e.g. "create your first …"). */
  emptyAction?: ReactNode;
  /** A caption for screen readers only. */
  caption?: string;
  rowTestId?: string;
  /** The row's buttons; leave out for read-only users and the column disappears. */
  actions?: (row: Row) => ReactNode;
  /** The (visually hidden) header of the actions column. */
  actionsLabel?: string;
}

export function ResourceTable<Row extends { id: string }>({
  rows,
  columns,
  emptyMessage,
  emptyAction,
  caption,
  rowTestId,
  actions,
  actionsLabel,
}: ResourceTableProps<Row>) {
  if (rows.length === 0) {
    return (
      <div className="empty-state">
        <p>{emptyMessage}</p>
        {emptyAction}
      </div>
    );
  }
  return (
    <div className="table-wrap">
      <table>
        {caption && <caption className="visually-hidden">{caption}</caption>}
        <thead>
          <tr>
            {columns.map((column, index) => (
              <th key={index} scope="col">
                {column.header}
              </th>
            ))}
            {actions && (
              <th scope="col">
                <span className="visually-hidden">{actionsLabel}</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} data-testid={rowTestId}>
              {columns.map((column, index) => (
                <td key={index} className={column.className}>
                  {column.cell(row)}
                </td>
              ))}
              {actions && <td className="actions">{actions(row)}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
