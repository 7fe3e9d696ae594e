import { describe, expect, it } from 'vitest';
import { findStaleGeneratedFiles } from '../../schemas/scripts/generate-types';

describe('schemas/generated', () => {
  it('is up to date with the JSON Schemas (else run: npm run schemas:types)', async () => {
    expect(await findStaleGeneratedFiles()).toEqual([]);
  });
});
