// The interpreter's `bridgeTransferred` event (a cold transfer from calls/call-control takes the
// caller out of the bridge): into another flow's entry (the session passes that flow), or into
// the group's mailbox through a built-in voicemail step. Ignored when the call is not bridged.
import { describe, expect, it } from 'vitest';
import { TRANSFER_VOICEMAIL_NODE } from '@/flow-runtime/interpreter/transition';
import { buildFlow, bye, TestCall, tts } from './support/call';

function bridgedCall(): TestCall {
  const flow = buildFlow(
    [{ id: 'g', type: 'queue-group', config: { groupId: 'grp_support', strategy: 'simultaneous' } }, bye('none')],
    [['g', 'no_answer', 'none']],
    { id: 'flow_main' },
  );
  const call = new TestCall(flow).start();
  call.send({ type: 'legAnswered', legId: call.state.legs[0] });
  expect(call.state.status).toBe('bridged');
  return call;
}

const target = buildFlow(
  [{ id: 'hello', type: 'message', config: { prompt: tts('Service après-vente') } }, bye('end')],
  [['hello', 'next', 'end']],
  { id: 'flow_sav' },
);

describe('bridgeTransferred', () => {
  it('to a flow: the bridged leg is released, the call runs again at the entry of that flow', () => {
    const call = bridgedCall();
    const leg = call.state.bridgedLeg!;
    call.flow = target;
    call.send({ type: 'bridgeTransferred', to: { kind: 'flow', flowId: 'flow_sav' } });
    expect(call.of('cancelLegs', call.last)).toEqual([{ type: 'cancelLegs', legIds: [leg], reason: 'step-left' }]);
    expect(call.state).toMatchObject({ status: 'running', bridgedLeg: null, flowId: 'flow_sav' });
    expect(call.node).toBe('hello');
    expect(call.lastPlayText()).toBe('Service après-vente');
    expect(call.path().filter((p) => p.kind === 'flow-entered').at(-1)?.data).toEqual({ flowId: 'flow_sav', by: 'transfer' });
    // the new flow goes on as any flow: its prompt ends, its hang-up ends the call
    call.finishPrompt();
    expect(call.ended).toBe(true);
    expect(call.taken().at(-1)).toBe('hello:next');
    // an agent answered it: the call stays answered
    expect(call.state.outcome).toBe('answered');
  });

  it('to a group mailbox: greeting, beep, recording stored in the group box, thanks, hang-up', () => {
    const call = bridgedCall();
    call.send({ type: 'bridgeTransferred', to: { kind: 'voicemail', groupId: 'grp_support' } });
    expect(call.of('cancelLegs', call.last)).toHaveLength(1);
    expect(call.node).toBe(`${TRANSFER_VOICEMAIL_NODE}grp_support`);
    expect(call.lastPlayText()).toMatch(/Laissez votre message/);
    call.finishPrompt(); // greeting → beep
    expect(call.lastPlayText()).toBe('tone:beep');
    call.finishPrompt(); // beep → recording
    const record = call.of('record').at(-1)!;
    call.advance(3);
    call.send({ type: 'recordingFinished', recordingId: record.recordingId, reason: 'silence', durationMs: 3000 });
    expect(call.of('storeVoicemail')).toEqual([
      { type: 'storeVoicemail', recordingId: record.recordingId, mailbox: { kind: 'group', groupId: 'grp_support' }, caller: '+33612345678', durationMs: 3000 },
    ]);
    call.finishPrompt(); // thanks
    expect(call.ended).toBe(true);
    expect(call.of('hangup')).toHaveLength(1);
  });

  it('a caller hanging up while recording keeps the message', () => {
    const call = bridgedCall();
    call.send({ type: 'bridgeTransferred', to: { kind: 'voicemail', groupId: 'grp_support' } });
    call.finishPrompt().finishPrompt();
    call.advance(4).hangup();
    expect(call.of('storeVoicemail')[0]).toMatchObject({ mailbox: { kind: 'group', groupId: 'grp_support' }, durationMs: 4000 });
    expect(call.ended).toBe(true);
    expect(call.state.outcome).toBe('answered');
  });

  it('ignored when the call is not bridged (still in its flow, or ended)', () => {
    const flow = buildFlow([{ id: 'hello', type: 'message', config: { prompt: tts('Bonjour') } }, bye('end')], [['hello', 'next', 'end']]);
    const running = new TestCall(flow).start();
    const before = running.state;
    running.send({ type: 'bridgeTransferred', to: { kind: 'voicemail', groupId: 'grp_support' } });
    expect(running.state.step).toEqual(before.step);
    expect(running.last).toEqual([]);
    const ended = bridgedCall().hangup();
    ended.send({ type: 'bridgeTransferred', to: { kind: 'flow', flowId: 'flow_sav' } });
    expect(ended.last).toEqual([]);
  });
});
