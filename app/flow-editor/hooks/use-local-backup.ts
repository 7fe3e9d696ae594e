'use client';
// Keeps a copy of the unsaved draft in localStorage (core/local-backup.ts): written ~300 ms
// after each change while unsaved (and at once when the page is hidden), removed once the
// server has the changes. The editor offers it back on open (flow-editor.tsx).
import { useEffect } from 'react';
import { clearBackups, writeBackup } from '../core/local-backup';
import { isDirty, useEditorStore } from '../store';

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

function backupNow() {
  const state = useEditorStore.getState();
  const store = storage();
  if (!store || !state.editable || !state.flowId || !isDirty(state)) return;
  writeBackup(store, { flowId: state.flowId, revision: state.save.revision, savedAt: Date.now(), document: state.document() });
}

export function useLocalBackup(delayMs = 300) {
  const version = useEditorStore((s) => s.version);
  const savedVersion = useEditorStore((s) => s.save.savedVersion);
  const status = useEditorStore((s) => s.save.status);

  useEffect(() => {
    const state = useEditorStore.getState();
    if (!state.editable) return;
    if (isDirty(state)) {
      const timer = window.setTimeout(backupNow, delayMs);
      return () => window.clearTimeout(timer);
    }
    // Saved in this session: the server has everything, the copy can go.
    if (status === 'saved' && version > 0) {
      const store = storage();
      if (store) clearBackups(store, state.flowId);
    }
  }, [version, savedVersion, status, delayMs]);

  useEffect(() => {
    window.addEventListener('pagehide', backupNow);
    return () => window.removeEventListener('pagehide', backupNow);
  }, []);
}

/** Forgets the flow's copy (the user discarded it). */
export function discardLocalBackup(flowId: string) {
  const store = storage();
  if (store) clearBackups(store, flowId);
}
