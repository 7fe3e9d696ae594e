'use client';
// Which version is live and whether the editor's draft differs from it, for the toolbar:
// both documents go through the same document → graph → document round trip, then
// diffFlows() (the versions page's own, pure) compares them — moves on the canvas do not count.
// Recomputed ~300 ms after the last change.
import { useEffect, useMemo, useState } from 'react';
import { diffFlows, isEmptyDiff } from '@/app/lib/versions/diff-flows';
import { documentToGraph, graphToDocument } from '../core/document';
import { useEditorStore } from '../store';

export interface LiveStatus {
  /** Number of the live version, or null when the flow was never published. */
  number: number | null;
  /** The draft differs from the live version in what callers hear or do. */
  differs: boolean;
}

export function useLiveStatus(delayMs = 300): LiveStatus {
  const live = useEditorStore((s) => s.live);
  const version = useEditorStore((s) => s.version);
  const liveDocument = useMemo(() => (live ? graphToDocument(documentToGraph(live.document)) : null), [live]);
  const [differs, setDiffers] = useState(false);
  useEffect(() => {
    if (!liveDocument) return;
    const compare = () => setDiffers(!isEmptyDiff(diffFlows(liveDocument, useEditorStore.getState().document())));
    const timer = window.setTimeout(compare, version === 0 ? 0 : delayMs);
    return () => window.clearTimeout(timer);
  }, [liveDocument, version, delayMs]);
  return { number: live?.number ?? null, differs: liveDocument ? differs : false };
}
