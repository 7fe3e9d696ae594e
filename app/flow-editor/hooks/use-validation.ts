'use client';
// Runs validateFlow() (the server's own) after each change, debounced and in idle time so
// typing and dragging stay smooth; drag frames do not bump the version, so they never trigger it.
import { useEffect, useMemo } from 'react';
import { validateFlow, type ReferenceSets } from '@/schemas';
import { useEditorStore, type ReferenceOptions } from '../store';

export function referenceSets(references: ReferenceOptions): ReferenceSets {
  return Object.fromEntries(Object.entries(references).map(([kind, list]) => [kind, new Set(list.map((o) => o.id))])) as ReferenceSets;
}

type IdleWindow = Window & { requestIdleCallback?: (cb: () => void, opts?: { timeout: number }) => number; cancelIdleCallback?: (id: number) => void };

export function useValidation(delayMs = 200) {
  const version = useEditorStore((s) => s.version);
  const references = useEditorStore((s) => s.references);
  const sets = useMemo(() => referenceSets(references), [references]);
  useEffect(() => {
    const w = window as IdleWindow;
    let idle: number | undefined;
    const timer = window.setTimeout(() => {
      const run = () => {
        const state = useEditorStore.getState();
        if (state.nodes.length === 0) return state.setProblems([]);
        state.setProblems(validateFlow(state.document(), { references: sets }).problems);
      };
      if (w.requestIdleCallback) idle = w.requestIdleCallback(run, { timeout: 500 });
      else run();
    }, version === 0 ? 0 : delayMs);
    return () => {
      window.clearTimeout(timer);
      if (idle !== undefined) w.cancelIdleCallback?.(idle);
    };
  }, [version, sets, delayMs]);
}
