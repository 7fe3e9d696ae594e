import type { CurrentUser } from '@/app/lib/auth/current-user';
import { recordAudit } from '@/app/lib/audit/record-audit';
import { inTransaction } from '@/app/lib/db/transaction';
import { checkCalendarInput, exceptionRows, rangeRows, type CalendarInput } from './calendar-input';
import { loadCalendarView, type CalendarView } from './calendar-view';

/** Changes a calendar; `ranges` and `exceptions`, when sent, replace the whole lists. */
export async function updateCalendar(user: Pick<CurrentUser, 'id' | 'organizationId'>, id: string, input: Partial<CalendarInput>): Promise<CalendarView> {
  checkCalendarInput(input);
  return inTransaction(async (tx) => {
    await loadCalendarView(tx, user.organizationId, id);
    if (input.ranges) {
      await tx.calendarRange.deleteMany({ where: { calendarId: id } });
      await tx.calendarRange.createMany({ data: rangeRows(input.ranges).map((r) => ({ ...r, calendarId: id })) });
    }
    if (input.exceptions) {
      await tx.calendarException.deleteMany({ where: { calendarId: id } });
      await tx.calendarException.createMany({ data: exceptionRows(input.exceptions).map((e) => ({ ...e, calendarId: id })) });
    }
    await tx.calendar.update({
      where: { id },
      data: {
        ...(input.name !== undefined ? { name: input.name.trim() } : {}),
        ...(input.timezone !== undefined ? { timezone: input.timezone } : {}),
        ...(input.holidayCountry !== undefined ? { holidayCountry: input.holidayCountry } : {}),
        updatedAt: new Date(),
      },
    });
    await recordAudit(tx, user, { action: 'update', entityType: 'calendar', entityId: id, details: { fields: Object.keys(input) } });
    return loadCalendarView(tx, user.organizationId, id);
  });
}
