'use client';
// What every widget of the inspector form needs besides its value: the node it edits (for
// unique ids), the organisation's objects to pick from, and the problems found in the config.
import { createContext, useContext } from 'react';
import type { Problem } from '@/schemas';
import type { ReferenceOptions } from '../store';
import type { FieldDescriptor } from '../core/schema-form';
import { useTranslations } from 'next-intl';

export interface FormContextValue {
  nodeId: string;
  /** The step type of the node (its field help texts are keyed by it in schemas/messages). */
  stepType?: string;
  references: ReferenceOptions;
  /** Problems of the node, with `configPath` = pointer inside the config. */
  problems: { configPath: string; problem: Problem }[];
  language: 'fr' | 'en';
  onRefreshReferences: () => void;
}

/** A field's help text and option names in the UI language (schemas/messages), the schema's English when missing. */
export function useSchemaText() {
  const t = useTranslations('schemaText');
  const { stepType } = useFormContext();
  return {
    description: (field: FieldDescriptor) => {
      const key = `fields.${stepType}.${field.key}`;
      return stepType && field.key && t.has(key) ? t(key) : field.description;
    },
    option: (value: string) => (t.has(`options.${value}`) ? t(`options.${value}`) : value),
  };
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
