// message: plays a sound or text-to-speech in the call's language, then `next`.
import type { StepHandler } from '../step-run';

export const messageStep: StepHandler<'message'> = {
  enter(run) {
    if (run.play(run.promptItems(run.config.prompt)) === null) run.leave('next');
  },
  on(run, event) {
    if (event.type === 'promptFinished') run.leave('next');
  },
};
