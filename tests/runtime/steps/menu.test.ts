// menu ──1──> one(message)   ──2──> two(message)   ──timeout──> t(hangup)   ──invalid──> i(hangup)
import { describe, expect, it } from 'vitest';
import { buildFlow, TestCall, tts } from '../support/call';

function menuFlow(config: Record<string, unknown> = {}, withInvalid = true) {
  return buildFlow(
    [
      { id: 'menu', type: 'menu', config: { prompt: tts('Tapez 1 ou 2'), keys: [{ key: '1' }, { key: '2' }], ...config } },
      { id: 'one', type: 'message', config: { prompt: tts('Un') } },
      { id: 'two', type: 'message', config: { prompt: tts('Deux') } },
      { id: 't', type: 'hangup', config: {} },
      { id: 'i', type: 'hangup', config: {} },
    ],
    [
      ['menu', '1', 'one'],
      ['menu', '2', 'two'],
      ['menu', 'timeout', 't'],
      ...(withInvalid ? ([['menu', 'invalid', 'i']] as Array<[string, string, string]>) : []),
    ],
  );
}

describe('menu', () => {
  it.each([
    ['1', 'menu:1', 'one'],
    ['2', 'menu:2', 'two'],
  ])('key %s after the prompt leaves by its output', (key, output, node) => {
    const call = new TestCall(menuFlow()).start().finishPrompt().press(key);
    expect(call.taken()).toEqual([output]);
    expect(call.node).toBe(node);
  });

  it('takes a key during the prompt (barge-in) and stops the prompt', () => {
    const call = new TestCall(menuFlow()).start().press('2');
    expect(call.taken()).toEqual(['menu:2']);
    expect(call.of('stopPlayback')).toHaveLength(1);
  });

  it('ignores keys during the prompt without barge-in', () => {
    const call = new TestCall(menuFlow({ bargeIn: false })).start().press('2');
    expect(call.taken()).toEqual([]);
    call.finishPrompt().press('2');
    expect(call.taken()).toEqual(['menu:2']);
  });

  it('replays after no input, with the no-input prompt, then leaves by timeout after the retries', () => {
    const call = new TestCall(menuFlow({ retries: 1, timeoutSeconds: 4, noInputPrompt: tts('Je n’ai rien entendu') })).start().finishPrompt();
    call.advance(3.9);
    expect(call.taken()).toEqual([]);
    call.advance(0.2);
    expect(call.lastPlayText()).toBe('Je n’ai rien entendu | Tapez 1 ou 2');
    call.finishPrompt().advance(4);
    expect(call.taken()).toEqual(['menu:timeout']);
    expect(call.node).toBeNull();
    expect(call.ended).toBe(true);
  });

  it('says the invalid prompt on a wrong key, then leaves by invalid after the retries', () => {
    const call = new TestCall(menuFlow({ retries: 2 })).start().finishPrompt().press('5');
    expect(call.lastPlayText()).toBe('Choix non valide. | Tapez 1 ou 2');
    call.finishPrompt().press('9').finishPrompt().press('#');
    expect(call.taken()).toEqual(['menu:invalid']);
  });

  it('a correct key on the retry still works', () => {
    const call = new TestCall(menuFlow()).start().finishPrompt().press('7').finishPrompt().press('1');
    expect(call.taken()).toEqual(['menu:1']);
  });

  it('invalid falls back to the timeout output when unconnected', () => {
    const call = new TestCall(menuFlow({ retries: 0 }, false)).start().finishPrompt().press('8');
    expect(call.taken()).toEqual(['menu:timeout']);
    const entry = call.path().find((p) => p.kind === 'output-taken');
    expect(entry?.data).toMatchObject({ requested: 'invalid' });
  });
});
