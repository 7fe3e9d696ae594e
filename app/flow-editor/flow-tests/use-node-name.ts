'use client';
// A step's name as the canvas shows it (its label, else its id), from the editor's graph:
// failing cases' mismatches name steps the way the user sees them.
import { useCallback } from 'react';
import { displayedStepLabel } from '../core/step-label';
import { useEditorStore } from '../store';

export function useEditorNodeName() {
  const language = useEditorStore((s) => s.language);
  return useCallback(
    (id: string) => {
      const node = useEditorStore.getState().nodes.find((n) => n.id === id);
      if (!node) return id;
      return displayedStepLabel(node.data.label, node.type, language) || id;
    },
    [language],
  );
}
