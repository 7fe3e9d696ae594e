import type { CurrentUser } from '@/app/lib/auth/current-user';
import { recordAudit } from '@/app/lib/audit/record-audit';
import { inTransaction } from '@/app/lib/db/transaction';
import { loadCalendarView } from './calendar-view';
import { refuseIfUsed } from '@/app/lib/usage/refuse-if-used';

/** Deletes a calendar: refused (409 IN_USE) while a draft or live flow uses it. */
export async function deleteCalendar(user: Pick<CurrentUser, 'id' | 'organizationId'>, id: string): Promise<void> {
  await inTransaction(async (tx) => {
    const calendar = await loadCalendarView(tx, user.organizationId, id);
    await refuseIfUsed(tx, user.organizationId, 'calendars', id, calendar.name);
    await tx.calendar.delete({ where: { id } });
    await recordAudit(tx, user, { action: 'delete', entityType: 'calendar', entityId: id, details: { name: calendar.name } });
  });
}
