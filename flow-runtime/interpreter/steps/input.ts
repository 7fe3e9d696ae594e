// input (Saisie): collects digits into a variable. Ends on the terminator key, at maxLength,
// or when interDigitTimeoutSeconds pass without a key; no digit within
// firstDigitTimeoutSeconds after the prompt is "no input". The digits must have minLength to
// maxLength characters and match `pattern`; otherwise the caller retries (invalidPrompt /
// noInputPrompt) up to `retries` times before `invalid` / `timeout`. Sensitive digits are
// masked in the path (the variable keeps them for the flow's use).
import type { PlayItem } from '../types';
import { mask, type StepHandler, type StepRun } from '../step-run';

type Run = StepRun<'input'>;

function ask(run: Run, before: PlayItem[]): void {
  const { prompt, bargeIn = true, maxLength = 10, terminator = '#' } = run.config;
  run.collectDigits(maxLength, terminator === 'none' ? null : terminator);
  const playId = run.play([...before, ...run.promptItems(prompt)], { bargeIn });
  run.setData({ digits: '', phase: playId === null ? 'waiting' : 'prompt' });
  if (playId === null) run.startTimer('first', run.config.firstDigitTimeoutSeconds ?? 10);
}

function retry(run: Run, kind: 'timeout' | 'invalid'): void {
  const attempt = ((run.data.attempt as number | undefined) ?? 0) + 1;
  if (attempt > (run.config.retries ?? 2)) return run.leave(kind);
  run.setData({ attempt });
  const before =
    kind === 'invalid'
      ? run.config.invalidPrompt
        ? run.promptItems(run.config.invalidPrompt)
        : [run.phrase('invalidInput')]
      : run.promptItems(run.config.noInputPrompt);
  ask(run, before);
}

function isValid(run: Run, digits: string): boolean {
  const { minLength = 1, maxLength = 10, pattern } = run.config;
  if (digits.length < minLength || digits.length > maxLength) return false;
  if (!pattern) return true;
  try {
    return new RegExp(pattern).test(digits);
  } catch {
    run.warn(`pattern ${pattern} is not a valid regular expression; ignored`);
    return true;
  }
}

function finish(run: Run): void {
  const digits = (run.data.digits as string) ?? '';
  run.cancelTimer('first');
  run.cancelTimer('inter');
  const sensitive = run.config.sensitive ?? false;
  const accepted = digits !== '' && isValid(run, digits);
  // what the caller typed (masked when sensitive), each attempt
  run.persist('key', { digits: sensitive ? mask(digits) : digits, accepted });
  if (!accepted) return retry(run, 'invalid');
  run.setVariable(run.config.variable, digits, { sensitive });
  run.leave('ok', { length: digits.length });
}

export const inputStep: StepHandler<'input'> = {
  enter(run) {
    run.setData({ attempt: 0 });
    ask(run, []);
  },
  on(run, event) {
    switch (event.type) {
      case 'promptFinished':
        if (((run.data.digits as string) ?? '') !== '') {
          run.setData({ phase: 'typing' });
          run.startTimer('inter', run.config.interDigitTimeoutSeconds ?? 5);
        } else {
          run.setData({ phase: 'waiting' });
          run.startTimer('first', run.config.firstDigitTimeoutSeconds ?? 10);
        }
        return;
      case 'dtmf': {
        if (run.data.phase === 'prompt') {
          if (!(run.config.bargeIn ?? true)) return;
          run.stopPlayback();
        }
        run.setData({ phase: 'typing' });
        const terminator = run.config.terminator ?? '#';
        if (terminator !== 'none' && event.key === terminator) return finish(run);
        const digits = ((run.data.digits as string) ?? '') + event.key;
        run.setData({ digits });
        run.cancelTimer('first');
        if (digits.length >= (run.config.maxLength ?? 10)) return finish(run);
        run.startTimer('inter', run.config.interDigitTimeoutSeconds ?? 5);
        return;
      }
      case 'timerFired': {
        const name = run.timerName(event);
        if (name === 'first') retry(run, 'timeout');
        else if (name === 'inter') finish(run);
        return;
      }
      default:
        return;
    }
  },
};
