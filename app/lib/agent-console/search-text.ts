// Accent- and case-insensitive matching for the directory (PostgreSQL's unaccent extension may not
// be installed): both sides are folded in JS, "Hélène" matches "helene" and "HELENE".
export function foldText(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** Every word of the query is found in one of the texts (folded). An empty query matches everything. */
export function matchesQuery(query: string, texts: readonly (string | null | undefined)[]): boolean {
  const words = foldText(query).split(' ').filter(Boolean);
  if (words.length === 0) return true;
  const hay = texts.filter(Boolean).map((t) => foldText(t!));
  const digits = texts.filter(Boolean).map((t) => t!.replace(/[^0-9]/g, '')).filter(Boolean);
  return words.every((w) => hay.some((h) => h.includes(w)) || (/^\+?[0-9]{2,}$/.test(w) && digits.some((d) => d.includes(w.replace('+', '')))));
}
