'use client';
// Saves the draft about a second after the last change (and at once on Ctrl+S):
// - 200 → saved (the new revision is kept for the next save);
// - 400 → the server refuses the document: "fix N errors first", kept unsaved, no retry loop;
// - 409 → someone else saved: the conflict dialog asks to reload or overwrite, never silently;
// - network error / 5xx → retried with exponential backoff (1 s … 30 s), "Retry now" meanwhile.
// While unsaved, leaving the page asks for confirmation.
import { useCallback, useEffect, useRef } from 'react';
import { validateFlow, type Problem } from '@/schemas';
import { mergeProblems } from '../core/problems';
import { isDirty, useEditorStore } from '../store';
import { referenceSets } from './use-validation';

/** Codes the server tolerates in a draft (see app/lib/flows/check-flow-document.ts). */
const DRAFT_TOLERATED = new Set(['output.required-unconnected']);

export function blockingProblems(problems: readonly Problem[]): Problem[] {
  return problems.filter((p) => p.severity === 'error' && !DRAFT_TOLERATED.has(p.code));
}

export function useAutosave(delayMs = 1000) {
  const version = useEditorStore((s) => s.version);
  const savedVersion = useEditorStore((s) => s.save.savedVersion);
  const status = useEditorStore((s) => s.save.status);
  const inFlight = useRef(false);
  const retryTimer = useRef<number | undefined>(undefined);

  const save = useCallback(async (options: { overwrite?: boolean } = {}) => {
    const state = useEditorStore.getState();
    if (!state.editable || inFlight.current) return;
    if (!isDirty(state) && !options.overwrite) return;
    window.clearTimeout(retryTimer.current);
    const document = state.document();
    const sentVersion = state.version;
    const blocking = blockingProblems(validateFlow(document, { references: referenceSets(state.references) }).problems);
    if (blocking.length > 0) {
      state.setSave({ status: 'invalid', message: String(blocking.length), serverProblems: undefined });
      return;
    }
    inFlight.current = true;
    state.setSave({ status: 'saving' });
    try {
      const response = await fetch(`/api/flows/${encodeURIComponent(state.flowId)}/draft`, {
        method: 'PUT',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ document, revision: state.save.revision }),
      });
      const body = (await response.json().catch(() => ({}))) as { revision?: number; error?: { code?: string; message?: string; problems?: Problem[]; currentRevision?: number } };
      const now = useEditorStore.getState();
      if (response.ok && typeof body.revision === 'number') {
        now.setSave({ status: now.version === sentVersion ? 'saved' : 'unsaved', revision: body.revision, savedVersion: sentVersion, attempt: 0, message: undefined, serverProblems: undefined });
      } else if (response.status === 409) {
        now.setSave({ status: 'conflict', currentRevision: body.error?.currentRevision, message: body.error?.message });
      } else if (response.status === 400) {
        const problems = body.error?.problems ?? [];
        now.setSave({ status: 'invalid', message: String(Math.max(1, problems.filter((p) => p.severity !== 'warning').length)), serverProblems: problems });
        // Shown in the problems panel too: the save status counts that one list.
        now.setProblems(mergeProblems(now.problems, problems));
      } else if (response.status === 401 || response.status === 403) {
        now.setSave({ status: 'error', message: body.error?.message, attempt: 0 });
      } else {
        throw new Error(body.error?.message ?? `HTTP ${response.status}`);
      }
    } catch (err) {
      const now = useEditorStore.getState();
      const attempt = now.save.attempt + 1;
      const delay = Math.min(30_000, 1000 * 2 ** (attempt - 1));
      now.setSave({ status: 'error', attempt, message: (err as Error).message, retryAt: Date.now() + delay });
      retryTimer.current = window.setTimeout(() => void save(), delay);
    } finally {
      inFlight.current = false;
    }
  }, []);

  // Debounced autosave after each change; also picks up changes made while a save was in flight.
  useEffect(() => {
    if (version === savedVersion || status === 'conflict' || status === 'error' || status === 'saving') return;
    const timer = window.setTimeout(() => void save(), delayMs);
    return () => window.clearTimeout(timer);
  }, [version, savedVersion, status, save, delayMs]);

  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      if (!isDirty(useEditorStore.getState())) return;
      event.preventDefault();
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', warn);
    return () => {
      window.removeEventListener('beforeunload', warn);
      window.clearTimeout(retryTimer.current);
    };
  }, []);

  return save;
}
