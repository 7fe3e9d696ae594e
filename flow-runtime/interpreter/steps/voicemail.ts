// voicemail: greeting, beep, then records the caller (ends on the finish key, silence or the
// maximum length, handled by the media layer); the recording is stored in the agent's or
// group's mailbox with the caller's number. Then `next`, or thanks and hang-up. Hanging up
// while recording is the normal way to finish: the message is kept.
import type { StepHandler, StepRun } from '../step-run';

type Run = StepRun<'voicemail'>;

/** Extra seconds after maxLengthSeconds before the runtime stops a recording the media layer did not end. */
export const RECORDING_GRACE_SECONDS = 5;
const ALL_KEYS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '#'];

function beep(run: Run): void {
  if (run.config.beep ?? true) {
    run.setData({ phase: 'beep' });
    if (run.play([{ kind: 'tone', tone: 'beep' }]) !== null) return;
  }
  record(run);
}

function record(run: Run): void {
  const { maxLengthSeconds = 120, finishKey = '#', silenceSeconds = 5 } = run.config;
  const recordingId = run.id('rec');
  run.answer();
  run.setData({ phase: 'recording', recordingId, recordingStartedAt: run.now });
  run.emit({
    type: 'record',
    recordingId,
    maxLengthSeconds,
    finishKeys: finishKey === 'none' ? [] : finishKey === 'any' ? ALL_KEYS : [finishKey],
    silenceSeconds,
  });
  run.startTimer('record', maxLengthSeconds + RECORDING_GRACE_SECONDS);
}

function store(run: Run, durationMs: number, reason: string): void {
  const { mailbox } = run.config;
  const box = mailbox.kind === 'agent' ? { kind: 'agent' as const, agentId: mailbox.agentId ?? '' } : { kind: 'group' as const, groupId: mailbox.groupId ?? '' };
  const recordingId = run.data.recordingId as string;
  if (durationMs > 0 && reason !== 'failed') {
    run.emit({ type: 'storeVoicemail', recordingId, mailbox: box, caller: run.state.caller, durationMs });
    run.persist('voicemail', { recordingId, durationMs, reason, ...(mailbox.kind === 'agent' ? { agentId: box.kind === 'agent' ? box.agentId : '' } : { groupId: box.kind === 'group' ? box.groupId : '' }) });
  } else {
    run.warn(`voicemail not stored (${reason}, ${durationMs} ms)`);
  }
  run.setData({ phase: 'stored' });
}

function afterRecording(run: Run): void {
  if ((run.config.afterRecording ?? 'hangup') === 'next') return run.leave('next');
  run.setData({ phase: 'thanks' });
  if (run.play([run.phrase('voicemailThanks')]) === null) run.hangup('normal', 'flow-hangup');
}

export const voicemailStep: StepHandler<'voicemail'> = {
  enter(run) {
    run.setData({ phase: 'greeting' });
    if (run.play(run.promptItems(run.config.greeting)) === null) beep(run);
  },
  on(run, event) {
    const phase = run.data.phase;
    if (event.type === 'promptFinished') {
      if (phase === 'greeting') beep(run);
      else if (phase === 'beep') record(run);
      else if (phase === 'thanks') run.hangup('normal', 'flow-hangup');
      return;
    }
    if (phase !== 'recording') return;
    if (event.type === 'recordingFinished' && event.recordingId === run.data.recordingId) {
      run.cancelTimer('record');
      store(run, event.durationMs, event.reason);
      return afterRecording(run);
    }
    if (run.timerName(event) === 'record') {
      run.emit({ type: 'stopRecording', recordingId: run.data.recordingId as string });
      store(run, run.now - (run.data.recordingStartedAt as number), 'max-length');
      afterRecording(run);
    }
  },
  onCallerHangup(run) {
    const phase = run.data.phase;
    if (phase === 'recording') {
      run.emit({ type: 'stopRecording', recordingId: run.data.recordingId as string });
      store(run, run.now - (run.data.recordingStartedAt as number), 'hangup');
      return 'completed';
    }
    return phase === 'thanks' || phase === 'stored' ? 'completed' : undefined;
  },
};
