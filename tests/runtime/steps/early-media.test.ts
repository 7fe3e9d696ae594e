// When the interpreter answers the caller (the `answer` effect → 200 OK):
//   r(redirect agt_marie) ──no_answer──> sorry(message) ──next──> bye(hangup)
//   g(queue-group grp_support) ──no_answer|…──> bye
// Ringing legs with only the ringback playing does not answer (the runtime sends 183 and plays
// the ringback as early media); a leg answering answers just before the bridge; anything else
// played (prompt, hold music, hold tone) answers first; a hangup before any answer stays unanswered.
import { describe, expect, it } from 'vitest';
import type { Effect } from '@/flow-runtime/interpreter';
import { isRingbackOnly } from '@/flow-runtime/interpreter/step-run';
import { buildFlow, bye, TestCall, tts } from '../support/call';

const redirect = buildFlow(
  [
    { id: 'r', type: 'redirect', config: { target: { kind: 'agent', agentId: 'agt_marie' }, ringTimeoutSeconds: 20 } },
    { id: 'sorry', type: 'message', config: { prompt: tts('Personne ne répond.') } },
    bye('busy'),
    bye('failed'),
    bye(),
  ],
  [['r', 'no_answer', 'sorry'], ['r', 'busy', 'busy'], ['r', 'failed', 'failed'], ['sorry', 'next', 'bye']],
);

const GROUP_OUTPUTS = ['no_answer', 'busy', 'timeout', 'full', 'unavailable'];
const group = (config: Record<string, unknown>) =>
  buildFlow(
    [{ id: 'g', type: 'queue-group', config: { groupId: 'grp_support', ...config } }, ...GROUP_OUTPUTS.map((o) => bye(o))],
    GROUP_OUTPUTS.map((o) => ['g', o, o] as [string, string, string]),
  );

const types = (effects: Effect[]) => effects.map((e) => e.type).filter((t) => t !== 'persistEvent');

describe('answer rule (early media)', () => {
  it('redirect: ringback and ringing legs without answering the caller', () => {
    const call = new TestCall(redirect).start();
    expect(call.of('ringLegs')).toHaveLength(1);
    expect(call.lastPlayText()).toBe('tone:ringback');
    expect(call.of('answer')).toHaveLength(0);
    expect(call.state.answered).toBe(false);
  });

  it('a leg answers: `answer` comes just before `bridge`, once', () => {
    const call = new TestCall(redirect).start();
    call.send({ type: 'legAnswered', legId: call.state.legs[0] });
    const order = types(call.last);
    expect(order).toContain('bridge');
    expect(order.indexOf('answer')).toBeGreaterThanOrEqual(0);
    expect(order.indexOf('answer')).toBeLessThan(order.indexOf('bridge'));
    expect(call.of('answer')).toHaveLength(1);
  });

  it('nobody answers and the flow plays a prompt: answered then, before the prompt', () => {
    const call = new TestCall(redirect).start().advance(20);
    expect(call.taken()).toEqual(['r:no_answer']);
    const order = types(call.last);
    expect(order.indexOf('answer')).toBeGreaterThanOrEqual(0);
    expect(order.indexOf('answer')).toBeLessThan(order.lastIndexOf('play'));
    expect(call.lastPlayText()).toBe('Personne ne répond.');
  });

  it('every leg busy and the flow hangs up: never answered, the hangup is a rejection', () => {
    const call = new TestCall(redirect).start();
    call.send({ type: 'legFailed', legId: call.state.legs[0], reason: 'busy' });
    expect(call.taken()).toEqual(['r:busy']);
    expect(call.ended).toBe(true);
    expect(call.of('answer')).toHaveLength(0);
    expect(call.of('hangup')).toHaveLength(1);
  });

  it('group simultaneous with the default ringback: early media; with hold music: answered', () => {
    const ringback = new TestCall(group({ strategy: 'simultaneous' })).start();
    expect(ringback.of('ringLegs')).toHaveLength(1);
    expect(ringback.of('answer')).toHaveLength(0);
    const music = new TestCall(group({ strategy: 'simultaneous', holdMusicSoundId: 'snd_hold_music' })).start();
    expect(music.of('ringLegs')).toHaveLength(1);
    expect(types(music.effects).indexOf('answer')).toBeLessThan(types(music.effects).indexOf('play'));
  });

  it('group queue (hold tone): answered before the hold tone', () => {
    const call = new TestCall(group({ strategy: 'queue' })).start();
    expect(call.lastPlayText()).toBe('tone:hold');
    expect(call.of('answer')).toHaveLength(1);
  });

  it('isRingbackOnly: only ringback tones', () => {
    expect(isRingbackOnly([{ kind: 'tone', tone: 'ringback' }])).toBe(true);
    expect(isRingbackOnly([{ kind: 'tone', tone: 'ringback' }, { kind: 'tone', tone: 'ringback' }])).toBe(true);
    expect(isRingbackOnly([{ kind: 'tone', tone: 'ringback' }, { kind: 'tone', tone: 'beep' }])).toBe(false);
    expect(isRingbackOnly([{ kind: 'tone', tone: 'hold' }])).toBe(false);
    expect(isRingbackOnly([{ kind: 'tts', text: 'x', language: 'fr' }])).toBe(false);
    expect(isRingbackOnly([])).toBe(false);
  });
});
