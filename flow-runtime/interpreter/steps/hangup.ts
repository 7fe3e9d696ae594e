// hangup: optional final prompt, then ends the call with its cause (busy / rejected are
// signalled to a caller not answered yet; after a prompt the call is answered, so it is a plain hang-up).
import type { StepHandler } from '../step-run';

export const hangupStep: StepHandler<'hangup'> = {
  enter(run) {
    if (run.play(run.promptItems(run.config.prompt)) === null) run.hangup(run.config.cause ?? 'normal', 'flow-hangup');
  },
  on(run, event) {
    if (event.type === 'promptFinished') run.hangup(run.config.cause ?? 'normal', 'flow-hangup');
  },
  // Hanging up during the goodbye is how callers normally leave.
  onCallerHangup: () => 'completed',
};
