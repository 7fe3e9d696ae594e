// sms: renders the template with the call's variables and sends it to the caller (a hidden
// number fails) or a fixed number; `sent` when the SMS port accepts it, else `failed`
// (also after 15 s without an answer).
import { isAnonymous, normalizeNumber } from '../numbers';
import type { StepHandler } from '../step-run';

export const SMS_RESULT_TIMEOUT_SECONDS = 15;

export const smsStep: StepHandler<'sms'> = {
  enter(run) {
    const { to, template, fromNumberId } = run.config;
    const caller = run.state.caller;
    if (to.kind === 'caller' && isAnonymous(caller)) return run.leave('failed', { reason: 'anonymous' });
    const number = to.kind === 'caller' ? normalizeNumber(caller as string, run.context.homeCountryCode) : (to.number ?? '');
    if (number === '') return run.leave('failed', { reason: 'no-number' });
    const requestId = run.id('sms');
    run.setData({ requestId });
    run.emit({ type: 'sendSms', requestId, to: number, fromNumberId: fromNumberId ?? null, text: run.render(template) });
    run.persist('sms', { to: number });
    run.startTimer('result', SMS_RESULT_TIMEOUT_SECONDS);
  },
  on(run, event) {
    if (event.type === 'smsResult' && event.requestId === run.data.requestId) run.leave(event.ok ? 'sent' : 'failed');
    else if (run.timerName(event) === 'result') run.leave('failed', { reason: 'timeout' });
  },
};
