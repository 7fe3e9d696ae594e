// a(variable) ──next──> b(variable) ──next──> a …   (a loop without any wait)
import { describe, expect, it } from 'vitest';
import { buildFlow, TestCall, tts } from './support/call';

const loop = (settings?: Record<string, unknown>) =>
  buildFlow(
    [
      { id: 'a', type: 'variable', config: { name: 'n', expression: 'number(n) + 1' } },
      { id: 'b', type: 'condition', config: { branches: [{ id: 'never', expression: 'false' }] } },
      { id: 'sorry', type: 'message', config: { prompt: tts('Désolé') } },
    ],
    [
      ['a', 'next', 'b'],
      ['b', 'else', 'a'],
      ['b', 'never', 'sorry'],
      ['sorry', 'next', 'a'],
    ],
    { settings },
  );

describe('loop guard', () => {
  it('ends a runaway loop after maxSteps with the built-in apology and hang-up', () => {
    const call = new TestCall(loop({ maxSteps: 50 })).start();
    expect(call.state.steps).toBe(51);
    expect(call.path().some((p) => p.kind === 'loop-guard')).toBe(true);
    expect(call.lastPlayText()).toMatch(/Nous ne pouvons pas traiter votre appel/);
    call.finishPrompt();
    expect(call.ended).toBe(true);
    expect(call.state.endReason).toBe('flow-hangup');
  });

  it('default limit is 1000 steps', () => {
    expect(new TestCall(loop()).start().state.steps).toBe(1001);
  });

  it('goes to maxStepsNode first, then still ends if that loops too', () => {
    const call = new TestCall(loop({ maxSteps: 20, maxStepsNode: 'sorry' })).start();
    expect(call.node).toBe('sorry');
    call.finishPrompt(); // sorry → a → … loops again
    expect(call.node).toBe('__loop_guard__');
    call.finishPrompt();
    expect(call.ended).toBe(true);
  });
});
