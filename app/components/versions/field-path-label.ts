'use client';
// A changed field of the versions diff as a user reads it: `/config/prompt/text/fr` →
// "Annonce › Texte › français" (field labels of the inspector, list items numbered from 1).
// The pointer stays available as a tooltip.
import { useTranslations } from 'next-intl';

export function useFieldPathLabel() {
  const fields = useTranslations('editor.fields');
  const segments = useTranslations('schemaText.pathSegments');
  return (pointer: string): string => {
    const parts = pointer
      .split('/')
      .slice(1)
      .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
    if (parts[0] === 'config') parts.shift();
    const words = parts.map((part) => {
      if (/^\d+$/.test(part)) return segments('item', { number: Number(part) + 1 });
      if (segments.has(part) && part !== 'item' && part !== 'separator') return segments(part);
      if (fields.has(part)) return fields(part);
      return part;
    });
    return words.length > 0 ? words.join(segments('separator')) : pointer;
  };
}
