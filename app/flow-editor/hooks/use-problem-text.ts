'use client';
// The editor's flow problems in the UI language, outputs named as on the canvas.
import { useLocale } from 'next-intl';
import { stepOutputs } from '@/schemas';
import { useProblemMessage } from '@/app/components/use-problem-message';
import { useEditorStore } from '../store';

// Reads the nodes when a message is built (not a subscription), so dragging re-renders nothing.
export function useProblemText() {
  const language = useLocale() === 'en' ? 'en' : 'fr';
  return useProblemMessage((nodeId, outputId) => {
    const node = useEditorStore.getState().nodes.find((n) => n.id === nodeId);
    if (!node?.type) return undefined;
    try {
      return stepOutputs({ type: node.type, config: node.data.config } as never, language).find((o) => o.id === outputId)?.label;
    } catch {
      return undefined;
    }
  });
}
