import type { CurrentUser } from '@/app/lib/auth/current-user';
import { getPrisma } from '@/prisma/client';
import { listCalendarViews, type CalendarView } from './calendar-view';

export function listCalendars(user: Pick<CurrentUser, 'organizationId'>): Promise<CalendarView[]> {
  return listCalendarViews(getPrisma(), user.organizationId);
}
