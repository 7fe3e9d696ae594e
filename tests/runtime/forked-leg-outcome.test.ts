// The outcome of an agent leg forked to several phones when none answered (legs-port.ts).
import { describe, expect, it } from 'vitest';
import { forkedFailure } from '@/flow-runtime/calls/ports/legs-port';

describe('forked leg outcome', () => {
  it('busy only when every phone said busy, failed only when every one failed, else no_answer', () => {
    expect(forkedFailure(['busy'])).toBe('busy');
    expect(forkedFailure(['busy', 'busy'])).toBe('busy');
    expect(forkedFailure(['busy', 'no_answer'])).toBe('no_answer');
    expect(forkedFailure(['failed', 'failed'])).toBe('failed');
    expect(forkedFailure(['busy', 'failed'])).toBe('no_answer');
    expect(forkedFailure(['no_answer'])).toBe('no_answer');
  });
});
