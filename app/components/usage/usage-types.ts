// The browser's view of GET /api/usage and of the `usage` of a 409 IN_USE (app/lib/usage/usage-types.ts).
export type { FlowVersionUse, ResourceUsage, UsageKind } from '@/app/lib/usage/usage-types';
import type { UsageKind } from '@/app/lib/usage/usage-types';

const KIND_BY_SEGMENT: Record<string, UsageKind> = {
  groups: 'groups',
  calendars: 'calendars',
  sounds: 'sounds',
  agents: 'agents',
  'forbidden-lists': 'forbiddenLists',
  numbers: 'numbers',
  flows: 'flows',
};

/** `/api/groups/<id>` → { kind: 'groups', id }; null for objects flows cannot use (contacts, voicemails…). */
export function usageTargetOf(url: string): { kind: UsageKind; id: string } | null {
  const match = /^\/api\/([a-z-]+)\/([^/?]+)$/.exec(url);
  const kind = match ? KIND_BY_SEGMENT[match[1]] : undefined;
  return kind && match ? { kind, id: decodeURIComponent(match[2]) } : null;
}
