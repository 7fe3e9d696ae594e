// welcome(message) ──next──> bye(hangup, prompt)
import { describe, expect, it } from 'vitest';
import { buildFlow, TestCall, tts } from '../support/call';

const flow = buildFlow(
  [
    { id: 'welcome', type: 'message', config: { prompt: { kind: 'tts', text: { fr: 'Bonjour {{caller}}', en: 'Hello' } } } },
    { id: 'bye', type: 'hangup', config: { prompt: tts('Au revoir'), cause: 'normal' } },
  ],
  [['welcome', 'next', 'bye']],
);

describe('message', () => {
  it('answers, plays the prompt in the call language with templates, then leaves by next', () => {
    const call = new TestCall(flow).start();
    expect(call.of('answer')).toHaveLength(1);
    expect(call.lastPlayText()).toBe('Bonjour +33612345678');
    call.finishPrompt();
    expect(call.taken()).toEqual(['welcome:next']);
    expect(call.node).toBe('bye');
  });

  it('speaks English to an English call', () => {
    const call = new TestCall(flow).start({ language: 'en' });
    expect(call.lastPlayText()).toBe('Hello');
  });

  it('treats a prompt the media never finishes as finished after the guard time', () => {
    const call = new TestCall(flow).start().advance(301);
    expect(call.taken()).toContain('welcome:next');
  });

  it('hangs up when next is not connected', () => {
    const single = buildFlow([{ id: 'only', type: 'message', config: { prompt: tts('Info') } }], []);
    const call = new TestCall(single).start().finishPrompt();
    expect(call.ended).toBe(true);
    expect(call.state.endReason).toBe('unconnected-output');
    expect(call.of('hangup')).toHaveLength(1);
  });

  it('caller hanging up during a message is abandoned', () => {
    const call = new TestCall(flow).start().hangup();
    expect(call.state.outcome).toBe('abandoned');
    expect(call.of('stopPlayback')).toHaveLength(1);
    expect(call.timers.size).toBe(0);
  });
});

describe('hangup', () => {
  it('plays the final prompt then hangs up; hanging up during it is not an abandon', () => {
    const call = new TestCall(flow).start().finishPrompt();
    expect(call.lastPlayText()).toBe('Au revoir');
    call.finishPrompt();
    expect(call.of('hangup')).toEqual([{ type: 'hangup', cause: 'normal' }]);
    expect(call.state.outcome).toBeNull();
    const early = new TestCall(flow).start().finishPrompt().hangup();
    expect(early.state.outcome).toBeNull();
    expect(early.state.endReason).toBe('caller-hangup');
  });

  it('rejects an unanswered call with its cause', () => {
    const reject = buildFlow([{ id: 'no', type: 'hangup', config: { cause: 'busy' } }], []);
    const call = new TestCall(reject).start();
    expect(call.of('answer')).toHaveLength(0);
    expect(call.of('hangup')).toEqual([{ type: 'hangup', cause: 'busy' }]);
    expect(call.ended).toBe(true);
  });

  it('ignores every event once ended', () => {
    const call = new TestCall(flow).start().hangup();
    const state = call.state;
    call.press('1');
    call.send({ type: 'callerHangup' });
    expect(call.state).toBe(state);
    expect(call.last).toEqual([]);
  });
});
