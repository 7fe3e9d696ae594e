'use client';
// A failing test case's mismatch in the user's language (issue 17), for the editor's Tests
// panel and the publish dialog: node ids become names through `nodeName` (the editor passes
// the steps' labels), outcomes the call history's names ("Not answered", "Flow end").
import { useCallback } from 'react';
import { useTranslations } from 'next-intl';
import type { CaseMismatch } from '@/flow-runtime/simulator/types';
import { explainMismatch } from './test-mismatch';

export function useMismatchText(nodeName?: (id: string) => string) {
  const t = useTranslations('editor.flowTests.mismatch');
  const tOutcome = useTranslations('callHistory.outcomes');
  const outcomeName = useCallback((outcome: string | null) => {
    const key = outcome ?? 'flow_end';
    return tOutcome.has(key) ? tOutcome(key) : key;
  }, [tOutcome]);
  return useCallback(
    (mismatch: CaseMismatch) => {
      const { key, values } = explainMismatch(mismatch, nodeName ?? ((id) => id), outcomeName);
      return t(key, values);
    },
    [t, nodeName, outcomeName],
  );
}
