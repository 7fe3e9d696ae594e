// input ──ok──> done(hangup)   ──invalid──> bad(hangup)   ──timeout──> none(hangup)
import { describe, expect, it } from 'vitest';
import { buildFlow, TestCall, tts } from '../support/call';

function inputFlow(config: Record<string, unknown> = {}) {
  return buildFlow(
    [
      { id: 'code', type: 'input', config: { prompt: tts('Votre code'), variable: 'code', minLength: 4, maxLength: 6, retries: 1, ...config } },
      { id: 'done', type: 'hangup', config: {} },
      { id: 'bad', type: 'hangup', config: {} },
      { id: 'none', type: 'hangup', config: {} },
    ],
    [
      ['code', 'ok', 'done'],
      ['code', 'invalid', 'bad'],
      ['code', 'timeout', 'none'],
    ],
  );
}

describe('input', () => {
  it('ends on the terminator and stores the digits', () => {
    const call = new TestCall(inputFlow()).start().finishPrompt().press('1234#');
    expect(call.taken()).toEqual(['code:ok']);
    expect(call.state.variables.code).toBe('1234');
  });

  it('ends at maxLength without a terminator', () => {
    const call = new TestCall(inputFlow()).start().finishPrompt().press('123456');
    expect(call.state.variables.code).toBe('123456');
  });

  it('ends when the inter-digit timeout passes', () => {
    const call = new TestCall(inputFlow({ interDigitTimeoutSeconds: 3 })).start().finishPrompt().press('12345').advance(2.9);
    expect(call.taken()).toEqual([]);
    call.advance(0.2);
    expect(call.state.variables.code).toBe('12345');
  });

  it('keeps digits typed during the prompt (barge-in)', () => {
    const call = new TestCall(inputFlow()).start().press('98');
    expect(call.of('stopPlayback')).toHaveLength(1);
    call.press('76#');
    expect(call.state.variables.code).toBe('9876');
  });

  it('too short, then pattern mismatch → invalid after the retries', () => {
    const call = new TestCall(inputFlow({ pattern: '^1[0-9]+$' })).start().finishPrompt().press('12#');
    expect(call.lastPlayText()).toBe('Saisie non valide. | Votre code');
    call.finishPrompt().press('2345#');
    expect(call.taken()).toEqual(['code:invalid']);
  });

  it('no first digit → retry, then timeout', () => {
    const call = new TestCall(inputFlow({ firstDigitTimeoutSeconds: 7 })).start().finishPrompt().advance(7).finishPrompt().advance(7);
    expect(call.taken()).toEqual(['code:timeout']);
  });

  it('masks sensitive digits in the path but keeps them for the flow', () => {
    const call = new TestCall(inputFlow({ sensitive: true })).start().finishPrompt().press('4242#');
    expect(call.state.variables.code).toBe('4242');
    expect(JSON.stringify(call.path())).not.toContain('4242');
    expect(call.path().find((p) => p.kind === 'variable-set')?.data?.value).toBe('••••');
  });

  it('terminator none: # is a digit', () => {
    const call = new TestCall(inputFlow({ terminator: 'none', pattern: '^[0-9#]+$' })).start().finishPrompt().press('12#4').advance(6);
    expect(call.state.variables.code).toBe('12#4');
  });
});
