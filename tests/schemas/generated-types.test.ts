import { describe, expect, it } from 'vitest';
import { findStaleGeneratedFiles } from '../../schemas/scripts/generate-types';
import { findStaleValidators } from '../../schemas/scripts/generate-validators';

describe('schemas/generated', () => {
  it('is up to date with the JSON Schemas (else run: npm run schemas:types)', async () => {
    expect(await findStaleGeneratedFiles()).toEqual([]);
  });

  it('has its ahead-of-time ajv validators up to date (else run: npm run schemas:types)', () => {
    expect(findStaleValidators()).toEqual([]);
  });

  it('ships validators that never compile code at run time (the admin CSP forbids eval)', async () => {
    const { readFileSync } = await import('node:fs');
    for (const file of ['validators-strict.ts', 'validators-defaults.ts']) {
      const code = readFileSync(new URL(`../../schemas/generated/${file}`, import.meta.url), 'utf8');
      expect(code).not.toMatch(/new Function|\beval\(|require\(/);
    }
  });
});
