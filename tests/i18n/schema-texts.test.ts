// The step schemas keep their ids; what a user reads about them (step names and descriptions,
// field labels, help texts, option names, output names) comes in French and English. This
// compares, key by key, the schemas with the catalogues: schemas/messages (help texts, options),
// app/flow-editor/messages (field labels) and the schemas' own x-title-fr / x-outputs labels.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createTranslator } from 'next-intl';
import { describe, expect, it } from 'vitest';
import { PROBLEM_CODES, STEP_METADATA, STEP_TYPES, validateFlow } from '@/schemas';
import { stepForm, type FieldDescriptor } from '@/app/flow-editor/core/schema-form';
import { displayedStepLabel } from '@/app/flow-editor/core/step-label';
import schemaEn from '@/schemas/messages/en.json';
import schemaFr from '@/schemas/messages/fr.json';
import editorEn from '@/app/flow-editor/messages/en.json';
import editorFr from '@/app/flow-editor/messages/fr.json';

type Texts = { fields: Record<string, Record<string, string>>; options: Record<string, string> };
const texts = { en: schemaEn as Texts, fr: schemaFr as Texts };
const labels = { en: editorEn.fields as Record<string, string>, fr: editorFr.fields as Record<string, string> };

/** Every field of every step form, with its step type. */
function allFields(): { type: string; field: FieldDescriptor }[] {
  const out: { type: string; field: FieldDescriptor }[] = [];
  const walk = (type: string, fields: FieldDescriptor[]) => {
    for (const field of fields) {
      out.push({ type, field });
      walk(type, field.fields ?? []);
    }
  };
  for (const type of STEP_TYPES) walk(type, stepForm(STEP_METADATA[type].schema));
  return out;
}

/** Option values that read the same in every language (keypad keys, HTTP methods). */
const LANGUAGE_NEUTRAL_OPTION = /^([0-9*#]|GET|POST|PUT|PATCH|DELETE)$/;

describe('schema texts in the catalogues', () => {
  const fields = allFields();

  it('finds the fields of every step type', () => {
    expect(new Set(fields.map((f) => f.type)).size).toBe(STEP_TYPES.length);
    expect(fields.length).toBeGreaterThan(90);
  });

  it('every step has a title and a description in French and English, and they differ', () => {
    const missing = STEP_TYPES.flatMap((type) => {
      const { title, description } = STEP_METADATA[type];
      return [
        !title.en || !title.fr ? `${type}: title` : null,
        !description.en || !description.fr ? `${type}: description` : null,
        description.en === description.fr ? `${type}: description not translated` : null,
      ].filter(Boolean);
    });
    expect(missing).toEqual([]);
  });

  it('every output of every step has a French and an English name', () => {
    const missing = STEP_TYPES.flatMap((type) =>
      STEP_METADATA[type].outputs.static.filter((o) => !o.label?.en || !o.label?.fr).map((o) => `${type}.${o.id}`),
    );
    expect(missing).toEqual([]);
  });

  it('every field has a label in both languages', () => {
    const names = [...new Set(fields.map((f) => f.field.name))].sort();
    expect(names.filter((n) => !labels.en[n]), 'labels missing from app/flow-editor/messages/en.json fields').toEqual([]);
    expect(names.filter((n) => !labels.fr[n]), 'labels missing from app/flow-editor/messages/fr.json fields').toEqual([]);
  });

  it("every field's help text is in both languages, the English one the schema's own", () => {
    const described = fields.filter((f) => f.field.description);
    const key = ({ type, field }: { type: string; field: FieldDescriptor }) => `${type}/${field.key}`;
    expect(described.filter((f) => texts.en.fields[f.type]?.[f.field.key] !== f.field.description).map(key), 'en differs from the schema').toEqual([]);
    expect(described.filter((f) => !texts.fr.fields[f.type]?.[f.field.key]?.trim()).map(key), 'missing from fr').toEqual([]);
    expect(described.filter((f) => texts.fr.fields[f.type]?.[f.field.key] === f.field.description).map(key), 'fr left in English').toEqual([]);
  });

  it('the help-text catalogues have no key the schemas lack', () => {
    const known = new Set(fields.filter((f) => f.field.description).map((f) => `${f.type}/${f.field.key}`));
    for (const locale of ['en', 'fr'] as const) {
      const keys = Object.entries(texts[locale].fields).flatMap(([type, byKey]) => Object.keys(byKey).map((k) => `${type}/${k}`));
      expect(keys.filter((k) => !known.has(k)), `stale keys in schemas/messages/${locale}.json`).toEqual([]);
    }
  });

  it('every option of every choice has a name in both languages', () => {
    const options = [...new Set(fields.flatMap((f) => f.field.options ?? []))].filter((o) => !LANGUAGE_NEUTRAL_OPTION.test(o)).sort();
    expect(options.filter((o) => !texts.en.options[o]), 'options missing from en').toEqual([]);
    expect(options.filter((o) => !texts.fr.options[o]), 'options missing from fr').toEqual([]);
    expect(Object.keys(texts.en.options).sort()).toEqual(Object.keys(texts.fr.options).sort());
  });
});

describe('flow problems in the catalogues', () => {
  // Every bad fixture, validated with organisation references that exist for none of them.
  const dir = path.resolve(import.meta.dirname, '../fixtures/flows/bad');
  const problems = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .flatMap((f) => {
      const references = Object.fromEntries(['sounds', 'groups', 'calendars', 'numbers', 'flows', 'agents', 'forbiddenLists'].map((k) => [k, new Set<string>()]));
      return validateFlow(JSON.parse(readFileSync(path.join(dir, f), 'utf8')), { references } as never).problems.map((p) => ({ file: f, ...p }));
    });
  const translators = {
    en: createTranslator({ locale: 'en', messages: { problems: schemaEn.problems } as never, namespace: 'problems' as never }),
    fr: createTranslator({ locale: 'fr', messages: { problems: schemaFr.problems } as never, namespace: 'problems' as never }),
  };

  it('every problem code has a message in both languages', () => {
    const codes = [...PROBLEM_CODES, ...new Set(problems.map((p) => p.code))];
    for (const locale of ['en', 'fr'] as const) {
      expect(codes.filter((c) => !(translators[locale] as unknown as { has: (k: string) => boolean }).has(c)), `codes missing from ${locale}`).toEqual([]);
    }
  });

  it('formats the problems of the bad fixtures from their params, in French without English', () => {
    expect(problems.length).toBeGreaterThan(25);
    const format = (locale: 'en' | 'fr', p: (typeof problems)[number]) =>
      (translators[locale] as unknown as (key: string, params: unknown) => string)(p.code, p.params);
    const unformatted = problems.filter((p) => !p.params).map((p) => `${p.file}: ${p.code}`);
    expect(unformatted, 'problems without params').toEqual([]);
    for (const p of problems) {
      const fr = format('fr', p);
      expect(fr, `${p.file} ${p.code}`).not.toMatch(/\{[a-z]+\}|problems\./);
      expect(fr).not.toBe(format('en', p));
    }
    const missingGroup = { code: 'reference.missing', params: { kind: 'groups', id: 'grp_x' } } as unknown as (typeof problems)[number];
    expect(format('fr', missingGroup)).toBe('Le groupe « grp_x » n’existe pas dans cette organisation ; choisissez-en un existant.');
  });
});

describe('default step labels', () => {
  it('follow the UI language; labels the user typed stay as typed', () => {
    expect(displayedStepLabel('Queue group', 'queue-group', 'fr')).toBe(STEP_METADATA['queue-group'].title.fr);
    expect(displayedStepLabel(STEP_METADATA['queue-group'].title.fr, 'queue-group', 'en')).toBe('Queue group');
    expect(displayedStepLabel('Service client', 'queue-group', 'en')).toBe('Service client');
    expect(displayedStepLabel(undefined, 'menu', 'fr')).toBeUndefined();
  });
});
