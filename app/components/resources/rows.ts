// Editors keep repeatable rows (entries, ranges, members) as plain arrays; these are the three
// changes every editor makes to them, written once.

/** The list with the row at `index` merged with `patch`. */
export function updateAt<T>(rows: readonly T[], index: number, patch: Partial<T>): T[] {
  return rows.map((row, i) => (i === index ? { ...row, ...patch } : row));
}

/** The list without the row at `index`. */
export function removeAt<T>(rows: readonly T[], index: number): T[] {
  return rows.filter((_, i) => i !== index);
}

/** The list with the row at `index` moved `by` places (-1: up, 1: down). */
export function moveAt<T>(rows: readonly T[], index: number, by: -1 | 1): T[] {
  const moved = [...rows];
  const [row] = moved.splice(index, 1);
  moved.splice(index + by, 0, row);
  return moved;
}
