import { describe, expect, it } from 'vitest';
import { compareWithStepTypes } from '@/schemas';
import { STEP_HANDLERS } from '@/flow-runtime/interpreter';

describe('step registry', () => {
  it('has exactly one handler per step type of the schemas', () => {
    expect(compareWithStepTypes(Object.keys(STEP_HANDLERS))).toEqual({ missing: [], extra: [] });
  });
});
