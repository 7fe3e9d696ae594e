// Export and import of a flow as a JSON file. Export is the document only (no React Flow
// state) with secrets blanked: http-request headers marked `secret` lose their value.
// Import parses and validates; the caller replaces the draft only after the user confirms.
import { validateFlow, type FlowDocument, type Problem, type ReferenceSets } from '@/schemas';

export const SECRET_PLACEHOLDER = '';

export function exportDocument(document: FlowDocument): FlowDocument {
  const copy = structuredClone(document);
  for (const node of copy.nodes) {
    if (node.type !== 'http-request') continue;
    const headers = (node.config as { headers?: { name: string; value: string; secret?: boolean }[] }).headers;
    for (const header of headers ?? []) if (header.secret) header.value = SECRET_PLACEHOLDER;
  }
  return copy;
}

export function exportFileName(name: string): string {
  const slug = name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  return `${slug || 'flow'}.flow.json`;
}

export interface ImportResult {
  /** The parsed document, when the text is a JSON object (even with problems). */
  document?: FlowDocument;
  problems: Problem[];
  /** True when the document may replace the draft (no error; warnings allowed). */
  ok: boolean;
}

export function importDocument(text: string, references?: ReferenceSets): ImportResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return { ok: false, problems: [{ severity: 'error', code: 'flow.not-object', path: '', message: `The file is not valid JSON: ${(err as Error).message}` }] };
  }
  const { ok, problems } = validateFlow(value, references ? { references } : {});
  const isObject = value !== null && typeof value === 'object' && !Array.isArray(value);
  const hasNodes = isObject && Array.isArray((value as { nodes?: unknown }).nodes);
  return { ok: ok && hasNodes, problems, ...(isObject && hasNodes ? { document: value as FlowDocument } : {}) };
}
