// The document of a new flow's draft: the smallest valid flow (one hang-up step).
import type { FlowDocument } from '@/schemas';

export function emptyFlowDocument(name: string, language: 'fr' | 'en' = 'fr'): FlowDocument {
  return {
    schemaVersion: 1,
    name,
    language,
    entry: 'start',
    nodes: [{ id: 'start', type: 'hangup', position: { x: 0, y: 0 }, label: language === 'fr' ? 'Raccrocher' : 'Hang up', config: {} }],
    edges: [],
  } as FlowDocument;
}
