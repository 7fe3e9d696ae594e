'use client';
// Turns the API's validation problems into messages in the user's language, shown next to the
// failing field. Known schema rules get a translated sentence; anything else shows the API's text.
import { useTranslations } from 'next-intl';
import { fieldProblem, stripPathPrefix } from './api-client';

const translatedCodes = {
  'schema.required': 'required',
  'schema.pattern': 'pattern',
  'schema.format': 'format',
  'schema.enum': 'enum',
  'schema.type': 'type',
  'schema.minLength': 'minLength',
  'schema.maxLength': 'maxLength',
  'schema.minimum': 'minimum',
  'schema.maximum': 'maximum',
  CONFLICT: 'conflict',
  'password.tooShort': 'passwordTooShort',
  'password.tooLong': 'passwordTooLong',
  'password.common': 'passwordCommon',
  'password.personal': 'passwordPersonal',
  'password.weak': 'passwordWeak',
} as const;

export function useFieldErrors(error: unknown) {
  const t = useTranslations('fieldErrors');
  /** The message for a field; `patternHint` explains the expected format when the pattern fails. */
  return (field: string, patternHint?: string): string | undefined => {
    const problem = fieldProblem(error, field);
    if (!problem) return undefined;
    const key = problem.code ? translatedCodes[problem.code as keyof typeof translatedCodes] : undefined;
    if (!key) return stripPathPrefix(problem.message) || t('invalid');
    if ((key === 'pattern' || key === 'format') && patternHint) return patternHint;
    const limit = Number(/(\d+)/.exec(problem.message)?.[1] ?? NaN);
    if (key === 'conflict' && /not available/.test(problem.message)) return t('notAvailable');
    if (key === 'minLength' || key === 'maxLength' || key === 'minimum' || key === 'maximum' || key === 'passwordTooShort' || key === 'passwordTooLong') {
      return Number.isNaN(limit) ? t('invalid') : t(key, { limit });
    }
    return t(key);
  };
}
