// callback: records a callback request for a group.
// 1. The number is the caller's, or typed by the caller (numberSource typed, or a hidden
//    caller number with askIfAnonymous): digits end with # or after digitTimeoutSeconds.
// 2. A typed number must be a callable number (national 0XXXXXXXXX or international); any
//    number the call's transfer policy forbids is refused too. Invalid → retype (retries).
// 3. With confirmNumber the number is read back: 1 confirms, 2 retypes another number.
// 4. The request is created (earliest time = next opening of calendarId, else now), the
//    confirmation prompt plays, then `registered`. Anything failing leads to `failed`.
import { nextOpening } from '../hours';
import { isAnonymous, normalizeNumber, parseTypedNumber } from '../numbers';
import { judgeDestination } from '../transfer-policy';
import type { PlayItem } from '../types';
import type { StepHandler, StepRun } from '../step-run';

type Run = StepRun<'callback'>;

/** Seconds the callback store has to confirm the request. */
export const CALLBACK_STORE_TIMEOUT_SECONDS = 10;
const MAX_NUMBER_DIGITS = 15;

function digitTimeout(run: Run): number {
  return run.config.digitTimeoutSeconds ?? 10;
}

function nextAttempt(run: Run): boolean {
  const attempt = ((run.data.attempt as number | undefined) ?? 0) + 1;
  if (attempt > (run.config.retries ?? 2)) {
    run.leave('failed', { reason: 'too-many-attempts' });
    return false;
  }
  run.setData({ attempt });
  return true;
}

function askNumber(run: Run, before: PlayItem[]): void {
  const prompt = run.config.numberPrompt ? run.promptItems(run.config.numberPrompt) : [run.phrase('typeNumber')];
  run.collectDigits(MAX_NUMBER_DIGITS, '#');
  run.setData({ phase: 'typing', digits: '' });
  if (run.play([...before, ...prompt], { bargeIn: true }) === null) run.startTimer('digit', digitTimeout(run));
}

function retype(run: Run): void {
  if (nextAttempt(run)) askNumber(run, [run.phrase('invalidInput')]);
}

function useNumber(run: Run, raw: string): void {
  // the request keeps the form the trunk will dial (callback-placer → dialExternal), the one judged here
  const { dial, reason } = judgeDestination(run.state.policy, raw, run.context.homeCountryCode);
  const number = dial ?? raw;
  if (reason !== null) {
    run.warn(`callback number refused by the transfer policy (${reason})`);
    if (run.data.phase === 'typing') return retype(run);
    return run.leave('failed', { reason: 'forbidden' });
  }
  run.setData({ number });
  if (run.config.confirmNumber ?? true) confirm(run);
  else create(run);
}

function confirm(run: Run): void {
  const number = run.data.number as string;
  const lead = run.config.confirmNumberPrompt ? run.promptItems(run.config.confirmNumberPrompt) : [run.phrase('confirmNumber')];
  const national = number.startsWith(`+${run.context.homeCountryCode}`) ? '0' + number.slice(1 + run.context.homeCountryCode.length) : number;
  run.collectDigits(1, null);
  run.setData({ phase: 'confirm' });
  run.play([...lead, { kind: 'digits', digits: national, language: run.language }, run.phrase('confirmKeys')], { bargeIn: true });
}

function create(run: Run): void {
  const { groupId, calendarId, maxAttempts = 3, retryIntervalMinutes = 15 } = run.config;
  let earliestAt = run.now;
  if (calendarId) {
    const calendar = run.context.calendars[calendarId];
    if (calendar) earliestAt = nextOpening(calendar, run.now) ?? run.now;
    else run.warn(`calendar ${calendarId} not found; callback as soon as possible`);
  }
  const requestId = run.id('cb');
  run.stopPlayback();
  run.setData({ phase: 'creating', requestId });
  run.emit({ type: 'createCallback', requestId, groupId, number: run.data.number as string, earliestAt, maxAttempts, retryIntervalMinutes });
  run.startTimer('store', CALLBACK_STORE_TIMEOUT_SECONDS);
}

function typed(run: Run): void {
  const digits = (run.data.digits as string) ?? '';
  run.cancelTimer('digit');
  if (digits === '') {
    if (nextAttempt(run)) askNumber(run, run.promptItems(undefined));
    return;
  }
  const number = parseTypedNumber(digits, run.context.homeCountryCode);
  if (number === null) return retype(run);
  useNumber(run, number);
}

export const callbackStep: StepHandler<'callback'> = {
  enter(run) {
    const { numberSource = 'caller', askIfAnonymous = true } = run.config;
    run.setData({ attempt: 0 });
    const caller = run.state.caller;
    if (numberSource === 'caller' && !isAnonymous(caller)) {
      run.setData({ phase: 'caller' });
      return useNumber(run, normalizeNumber(caller as string, run.context.homeCountryCode));
    }
    if (numberSource === 'caller' && !askIfAnonymous) return run.leave('failed', { reason: 'anonymous' });
    askNumber(run, []);
  },
  on(run, event) {
    const phase = run.data.phase;
    switch (event.type) {
      case 'promptFinished':
        if (phase === 'typing') run.startTimer('digit', digitTimeout(run));
        else if (phase === 'confirm') run.startTimer('confirm', digitTimeout(run));
        else if (phase === 'confirming') run.leave('registered');
        return;
      case 'dtmf':
        if (phase === 'typing') {
          run.stopPlayback();
          if (event.key === '#') return typed(run);
          const digits = ((run.data.digits as string) ?? '') + event.key;
          run.setData({ digits });
          if (digits.length >= MAX_NUMBER_DIGITS) return typed(run);
          run.startTimer('digit', digitTimeout(run));
        } else if (phase === 'confirm') {
          run.cancelTimer('confirm');
          if (event.key === '1') return create(run);
          if (event.key === '2') {
            if (nextAttempt(run)) askNumber(run, []);
            return;
          }
          if (nextAttempt(run)) confirm(run);
        }
        return;
      case 'callbackCreated':
        if (phase !== 'creating' || event.requestId !== run.data.requestId) return;
        run.cancelTimer('store');
        if (!event.ok) return run.leave('failed', { reason: 'store-failed' });
        run.persist('callback', { callbackId: event.callbackId ?? null, number: run.data.number as string });
        run.setData({ phase: 'confirming' });
        if (run.play(run.config.confirmationPrompt ? run.promptItems(run.config.confirmationPrompt) : [run.phrase('callbackRegistered')]) === null) {
          run.leave('registered');
        }
        return;
      case 'timerFired': {
        const name = run.timerName(event);
        if (name === 'digit') typed(run);
        else if (name === 'confirm') {
          if (nextAttempt(run)) confirm(run);
        } else if (name === 'store') run.leave('failed', { reason: 'store-timeout' });
        return;
      }
      default:
        return;
    }
  },
  // Once the request is stored, hanging up during the confirmation is a normal end.
  onCallerHangup: (run) => (run.data.phase === 'confirming' ? 'completed' : undefined),
};
