// Node and edge ids: readable (`menu-2`), unique in the flow, within the schema's id pattern.

/** The first free `${prefix}-${n}` id (n ≥ 1) not in `taken`; adds it to `taken`. */
export function nextId(prefix: string, taken: Set<string>): string {
  const base = prefix.replace(/[^A-Za-z0-9_-]/g, '').slice(0, 50) || 'node';
  let n = 1;
  while (taken.has(`${base}-${n}`)) n++;
  const id = `${base}-${n}`;
  taken.add(id);
  return id;
}
