// hours: open / closed / holiday by the calendar at the call's current instant in the
// calendar's time zone (see ../hours.ts). An unknown calendar counts as closed.
import { calendarStatus } from '../hours';
import type { StepHandler } from '../step-run';

export const hoursStep: StepHandler<'hours'> = {
  enter(run) {
    const calendar = run.context.calendars[run.config.calendarId];
    if (!calendar) {
      run.warn(`calendar ${run.config.calendarId} not found; treated as closed`);
      return run.leave('closed');
    }
    run.leave(calendarStatus(calendar, run.now));
  },
};
