'use client';
// Reloads the organisation's objects (for the pickers) from the REST API, e.g. after the user
// created a group in another tab through a "create new" link. Also runs when the tab regains focus.
import { useCallback, useEffect } from 'react';
import { useEditorStore, type ReferenceOptions } from '../store';

const SOURCES: { kind: keyof ReferenceOptions; url: string; key: string; name: (o: Record<string, unknown>) => string }[] = [
  { kind: 'sounds', url: '/api/sounds', key: 'sounds', name: (o) => String(o.name) },
  { kind: 'groups', url: '/api/groups', key: 'groups', name: (o) => String(o.name) },
  { kind: 'calendars', url: '/api/calendars', key: 'calendars', name: (o) => String(o.name) },
  { kind: 'numbers', url: '/api/numbers', key: 'numbers', name: (o) => (o.label ? `${o.e164} — ${o.label}` : String(o.e164)) },
  { kind: 'flows', url: '/api/flows', key: 'flows', name: (o) => String(o.name) },
  { kind: 'agents', url: '/api/agents', key: 'agents', name: (o) => String(o.name) },
  { kind: 'forbiddenLists', url: '/api/forbidden-lists', key: 'forbiddenLists', name: (o) => String(o.name) },
];

export function useReferences() {
  const refresh = useCallback(async () => {
    const current = useEditorStore.getState().references;
    const loaded = await Promise.all(
      SOURCES.map(async ({ kind, url, key, name }) => {
        try {
          const response = await fetch(url, { credentials: 'same-origin', headers: { accept: 'application/json' } });
          if (!response.ok) return [kind, current[kind]] as const;
          const body = (await response.json()) as Record<string, Record<string, unknown>[]>;
          return [kind, (body[key] ?? []).map((o) => ({ id: String(o.id), name: name(o) }))] as const;
        } catch {
          return [kind, current[kind]] as const;
        }
      }),
    );
    useEditorStore.getState().setReferences(Object.fromEntries(loaded) as ReferenceOptions);
  }, []);

  useEffect(() => {
    const onFocus = () => void refresh();
    window.addEventListener('focus', onFocus);
    return () => window.removeEventListener('focus', onFocus);
  }, [refresh]);

  return refresh;
}
