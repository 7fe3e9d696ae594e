import type { CurrentUser } from '@/app/lib/auth/current-user';
import { recordAudit } from '@/app/lib/audit/record-audit';
import { inTransaction } from '@/app/lib/db/transaction';
import { checkCalendarInput, exceptionRows, rangeRows, type CalendarInput } from './calendar-input';
import { loadCalendarView, type CalendarView } from './calendar-view';

export async function createCalendar(user: Pick<CurrentUser, 'id' | 'organizationId'>, input: CalendarInput): Promise<CalendarView> {
  checkCalendarInput(input);
  return inTransaction(async (tx) => {
    const calendar = await tx.calendar.create({
      data: {
        organizationId: user.organizationId,
        name: input.name.trim(),
        timezone: input.timezone,
        holidayCountry: input.holidayCountry === undefined ? 'FR' : input.holidayCountry,
        ranges: { create: rangeRows(input.ranges ?? []) },
        exceptions: { create: exceptionRows(input.exceptions ?? []) },
      },
    });
    await recordAudit(tx, user, { action: 'create', entityType: 'calendar', entityId: calendar.id, details: { name: calendar.name } });
    return loadCalendarView(tx, user.organizationId, calendar.id);
  });
}
