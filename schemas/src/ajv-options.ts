// The ajv options of the flow format, shared by the ahead-of-time validator generator
// (schemas/scripts/generate-validators.ts) and nothing else at run time.

/** Our annotation keywords: ajv's strict mode rejects unknown keywords unless declared. */
export const ANNOTATION_KEYWORDS = ['x-title-fr', 'x-description-fr', 'x-category', 'x-outputs', 'x-reference', 'x-expression', 'x-template'] as const;

export const FORMATS = ['regex', 'json-pointer', 'uri', 'date', 'time'] as const;

export const AJV_OPTIONS = { allErrors: true, verbose: true, strict: true, strictTypes: false, strictRequired: false, allowUnionTypes: true } as const;

/** Export name of a validator in the generated modules: `flow`, or the step type as an identifier. */
export function validatorExportName(schema: string): string {
  return schema === 'flow' ? 'flow' : `step_${schema.replace(/[^A-Za-z0-9_]/g, '_')}`;
}
