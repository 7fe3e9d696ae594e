// menu: plays the prompt and waits for one key; a configured key leaves by its own output.
// Keys typed during the prompt count when bargeIn is on. No key within timeoutSeconds after
// the prompt, or a key that leads nowhere, replays the prompt (after noInputPrompt /
// invalidPrompt) up to `retries` times, then leaves by `timeout` / `invalid`.
import type { PlayItem } from '../types';
import type { StepHandler, StepRun } from '../step-run';

type Run = StepRun<'menu'>;

function ask(run: Run, before: PlayItem[]): void {
  const { prompt, bargeIn = true, timeoutSeconds = 5 } = run.config;
  run.collectDigits(1, null);
  const playId = run.play([...before, ...run.promptItems(prompt)], { bargeIn });
  run.setData({ phase: playId === null ? 'waiting' : 'prompt' });
  if (playId === null) run.startTimer('input', timeoutSeconds);
}

function retry(run: Run, kind: 'timeout' | 'invalid', key?: string): void {
  const attempt = ((run.data.attempt as number | undefined) ?? 0) + 1;
  if (attempt > (run.config.retries ?? 2)) return run.leave(kind, key !== undefined ? { key } : undefined);
  run.setData({ attempt });
  const before =
    kind === 'invalid'
      ? run.config.invalidPrompt
        ? run.promptItems(run.config.invalidPrompt)
        : [run.phrase('invalidChoice')]
      : run.promptItems(run.config.noInputPrompt);
  ask(run, before);
}

export const menuStep: StepHandler<'menu'> = {
  enter(run) {
    run.setData({ attempt: 0 });
    ask(run, []);
  },
  on(run, event) {
    switch (event.type) {
      case 'promptFinished':
        run.setData({ phase: 'waiting' });
        run.startTimer('input', run.config.timeoutSeconds ?? 5);
        return;
      case 'dtmf': {
        if (run.data.phase === 'prompt' && !(run.config.bargeIn ?? true)) return;
        run.cancelTimer('input');
        const accepted = run.config.keys.some((k) => k.key === event.key);
        run.persist('key', { key: event.key, accepted });
        if (accepted) return run.leave(event.key);
        return retry(run, 'invalid', event.key);
      }
      case 'timerFired':
        if (run.timerName(event) === 'input') retry(run, 'timeout');
        return;
      default:
        return;
    }
  },
};
