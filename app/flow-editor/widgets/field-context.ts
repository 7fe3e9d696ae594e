'use client';
// What every widget of the inspector form needs besides its value: the node it edits (for
// unique ids), the organisation's objects to pick from, and the problems found in the config.
import { createContext, useContext } from 'react';
import type { Problem } from '@/schemas';
import type { ReferenceOptions } from '../store';

export interface FormContextValue {
  nodeId: string;
  references: ReferenceOptions;
  /** Problems of the node, with `configPath` = pointer inside the config. */
  problems: { configPath: string; problem: Problem }[];
  language: 'fr' | 'en';
  onRefreshReferences: () => void;
}

export const FormContext = createContext<FormContextValue | null>(null);

export function useFormContext(): FormContextValue {
  const value = useContext(FormContext);
  if (!value) throw new Error('inspector widgets must be rendered inside FormContext');
  return value;
}

export const pointerOf = (path: readonly (string | number)[]) => path.map((p) => '/' + String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
export const fieldDomId = (nodeId: string, path: readonly (string | number)[]) => `f-${nodeId}-${path.join('-')}`.replace(/[^A-Za-z0-9_-]/g, '_');

/** The first problem at exactly this field, or (for leaves) inside it. */
export function useFieldProblem(path: readonly (string | number)[], exact = false): Problem | undefined {
  const { problems } = useFormContext();
  const at = pointerOf(path);
  return (problems.find((p) => p.configPath === at) ?? (exact ? undefined : problems.find((p) => p.configPath.startsWith(at + '/'))))?.problem;
}
