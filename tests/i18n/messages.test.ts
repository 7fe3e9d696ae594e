// The French and English catalogues must stay in step: same keys, no empty text, and the same
// ICU placeholders in both (a {name} missing from one language would show raw in the UI).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import fr from '@/messages/fr.json';
import en from '@/messages/en.json';
import { localeFromAcceptLanguage, resolveLocale } from '@/app/i18n/resolve-locale';

type Catalogue = { [key: string]: string | Catalogue };

function flatten(catalogue: Catalogue, prefix = ''): Map<string, string> {
  const entries = new Map<string, string>();
  for (const [key, value] of Object.entries(catalogue)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') entries.set(path, value);
    else for (const [k, v] of flatten(value, path)) entries.set(k, v);
  }
  return entries;
}

/** Argument names of an ICU message, plural/select branches included ("{count, plural, one {# {name}}}"). */
function placeholders(message: string): string[] {
  const names = new Set<string>();
  let i = 0;
  const readUntil = (stops: string) => {
    const start = i;
    while (i < message.length && !stops.includes(message[i])) i++;
    return message.slice(start, i).trim();
  };
  // Reads text up to the "}" closing the current branch (or the end).
  const text = (): void => {
    while (i < message.length && message[i] !== '}') {
      if (message[i] === '{') argument();
      else i++;
    }
  };
  const argument = (): void => {
    i++; // {
    names.add(readUntil(',}'));
    if (message[i] === ',') {
      i++;
      const type = readUntil(',}');
      if (message[i] === ',' && ['plural', 'select', 'selectordinal'].includes(type)) {
        i++;
        while (i < message.length && message[i] !== '}') {
          readUntil('{}');
          if (message[i] === '{') {
            i++;
            text();
            i++; // } closing the branch
          }
        }
      } else readUntil('}');
    }
    i++; // } closing the argument
  };
  text();
  return [...names].sort();
}

const catalogues = { fr: flatten(fr as Catalogue), en: flatten(en as Catalogue) };
// The flow editor keeps its strings beside its code; the request config merges them under `editor`.
const editorDir = path.resolve(import.meta.dirname, '../../app/flow-editor/messages');
if (existsSync(path.join(editorDir, 'fr.json')) && existsSync(path.join(editorDir, 'en.json'))) {
  const read = (locale: string) => JSON.parse(readFileSync(path.join(editorDir, `${locale}.json`), 'utf8')) as Catalogue;
  for (const [k, v] of flatten(read('fr'), 'editor')) catalogues.fr.set(k, v);
  for (const [k, v] of flatten(read('en'), 'editor')) catalogues.en.set(k, v);
}

// The schemas' help texts and option names (schemas/messages) are merged under `schemaText`.
const schemaDir = path.resolve(import.meta.dirname, '../../schemas/messages');
for (const locale of ['fr', 'en'] as const) {
  const read = JSON.parse(readFileSync(path.join(schemaDir, `${locale}.json`), 'utf8')) as Catalogue;
  for (const [k, v] of flatten(read, 'schemaText')) catalogues[locale].set(k, v);
}

describe('message catalogues', () => {
  it('have the same keys in French and English', () => {
    const frKeys = [...catalogues.fr.keys()].sort();
    const enKeys = [...catalogues.en.keys()].sort();
    expect(frKeys.filter((k) => !catalogues.en.has(k)), 'keys missing from en.json').toEqual([]);
    expect(enKeys.filter((k) => !catalogues.fr.has(k)), 'keys missing from fr.json').toEqual([]);
  });

  it.each(Object.entries(catalogues))('%s has no empty message', (_locale, messages) => {
    const empty = [...messages].filter(([, text]) => text.trim() === '').map(([key]) => key);
    expect(empty).toEqual([]);
  });

  it('finds placeholders inside plural branches but not branch text', () => {
    expect(placeholders('{ranges, plural, =0 {aucune plage} one {# plage de {who}}} le {day}')).toEqual(['day', 'ranges', 'who']);
  });

  it('uses the same placeholders in both languages', () => {
    const mismatched = [...catalogues.fr]
      .filter(([key, text]) => catalogues.en.has(key) && placeholders(text).join() !== placeholders(catalogues.en.get(key)!).join())
      .map(([key]) => key);
    expect(mismatched).toEqual([]);
  });
});

describe('resolveLocale', () => {
  it("prefers the signed-in user's locale, then the cookie, then Accept-Language, then French", () => {
    expect(resolveLocale({ userLocale: 'en', cookieLocale: 'fr', acceptLanguage: 'fr' })).toBe('en');
    expect(resolveLocale({ userLocale: null, cookieLocale: 'en', acceptLanguage: 'fr' })).toBe('en');
    expect(resolveLocale({ cookieLocale: 'de', acceptLanguage: 'de-DE,en;q=0.8,fr;q=0.5' })).toBe('en');
    expect(resolveLocale({ acceptLanguage: 'de-DE' })).toBe('fr');
    expect(resolveLocale({})).toBe('fr');
  });

  it('reads quality values from Accept-Language', () => {
    expect(localeFromAcceptLanguage('en;q=0.4, fr-CA;q=0.9')).toBe('fr');
    expect(localeFromAcceptLanguage('*')).toBeUndefined();
  });
});
