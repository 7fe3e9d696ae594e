import type { CurrentUser } from '@/app/lib/auth/current-user';
import { getPrisma } from '@/prisma/client';
import { loadCalendarView, type CalendarView } from './calendar-view';

export function getCalendar(user: Pick<CurrentUser, 'organizationId'>, id: string): Promise<CalendarView> {
  return loadCalendarView(getPrisma(), user.organizationId, id);
}
