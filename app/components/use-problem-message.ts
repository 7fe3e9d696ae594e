'use client';
// A flow problem (schemas' validateFlow) in the UI language: its code and params pick the
// message in schemas/messages (`schemaText.problems`); field names read as the inspector's
// labels. Problems without params (older API answers) keep their English message.
import { useTranslations } from 'next-intl';

export interface TranslatableProblem {
  code?: string;
  message: string;
  params?: Record<string, string | number>;
}

/** `outputLabel` names an output of a node as the canvas does (e.g. "timeout" → "Sans saisie"). */
export function useProblemMessage(outputLabel?: (nodeId: string, outputId: string) => string | undefined) {
  const t = useTranslations('schemaText.problems');
  const fields = useTranslations('editor.fields');
  return (problem: TranslatableProblem): string => {
    if (!problem.params || !problem.code || !t.has(problem.code)) return problem.message;
    const params = { ...problem.params };
    if (typeof params.field === 'string' && fields.has(params.field)) params.field = fields(params.field);
    if (typeof params.output === 'string' && typeof params.node === 'string') params.output = outputLabel?.(params.node, params.output) ?? params.output;
    try {
      return t(problem.code, params);
    } catch {
      return problem.message;
    }
  };
}
