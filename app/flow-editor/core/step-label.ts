// A step's label as shown: a label the user typed stays as typed; a default label (the step
// type's name, in either language, as it was when the step was created) follows the UI language.
import { STEP_METADATA, isStepType } from '@/schemas';

export function displayedStepLabel(label: string | undefined, type: string, language: 'fr' | 'en'): string | undefined {
  if (!label || !isStepType(type)) return label;
  const { title } = STEP_METADATA[type];
  return label === title.en || label === title.fr ? title[language] : label;
}
