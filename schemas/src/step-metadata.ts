// Palette metadata and output declarations of every step type, read from the schemas'
// x- keywords once at module load.
import { stepSchemas } from '../generated/schema-bundle';
import type { JsonSchemaDocument } from './json-schema';
import { collectAnnotatedFields, schemaDefaultAt, type AnnotatedFields } from './schema-walk';
import { STEP_TYPES, type StepType } from './step-types';

export type Localized = { en: string; fr: string };
export type StepCategory = 'prompts' | 'routing' | 'logic' | 'actions';

/** A fixed output, e.g. menu `timeout`. */
export interface StaticOutputDeclaration {
  id: string;
  label: Localized;
  /** Unconnected → error (true) or, when there is no fallback, a warning (false). */
  required: boolean;
  /** Output whose edge is followed when this one is unconnected (e.g. holiday → closed). */
  fallback?: string;
  /** The output exists only when the config value at `pointer` is one of `in` (schema default when absent). */
  when?: { pointer: string; in: readonly unknown[]; defaultValue: unknown };
}

/** Outputs taken from an array in the config, e.g. one per menu key. */
export interface DynamicOutputDeclaration {
  /** JSON pointer of the array in the config. */
  from: string;
  idField: string;
  labelField?: string;
  required: boolean;
}

export interface StepMetadata {
  type: StepType;
  title: Localized;
  description: Localized;
  category: StepCategory;
  outputs: { dynamic?: DynamicOutputDeclaration; static: StaticOutputDeclaration[] };
  /** Config fields holding organisation references, expressions and templates. */
  fields: AnnotatedFields;
  schema: JsonSchemaDocument;
}

function readMetadata(type: StepType): StepMetadata {
  const schema = stepSchemas[type];
  const declared = (schema['x-outputs'] ?? {}) as {
    dynamic?: DynamicOutputDeclaration;
    static?: (Omit<StaticOutputDeclaration, 'when'> & { when?: { pointer: string; in: unknown[] } })[];
  };
  return {
    type,
    title: { en: schema.title as string, fr: schema['x-title-fr'] as string },
    description: { en: schema.description as string, fr: schema['x-description-fr'] as string },
    category: schema['x-category'] as StepCategory,
    outputs: {
      dynamic: declared.dynamic,
      static: (declared.static ?? []).map((o) => ({
        ...o,
        when: o.when && { ...o.when, defaultValue: schemaDefaultAt(schema, o.when.pointer) },
      })),
    },
    fields: collectAnnotatedFields(schema),
    schema,
  };
}

/** Metadata of every step type, keyed by step type id. */
export const STEP_METADATA: Readonly<Record<StepType, StepMetadata>> = Object.fromEntries(
  STEP_TYPES.map((type) => [type, readMetadata(type)]),
) as Record<StepType, StepMetadata>;
