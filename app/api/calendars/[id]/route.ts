import { noContent, withApi } from '@/app/lib/api/handler';
import { validateBody } from '@/app/lib/api/validate-body';
import { RESOURCE_ADMINS } from '@/app/lib/auth/roles';
import { deleteCalendar } from '@/app/lib/calendars/delete-calendar';
import { getCalendar } from '@/app/lib/calendars/get-calendar';
import { updateCalendar } from '@/app/lib/calendars/update-calendar';
import type { CalendarInput } from '@/app/lib/calendars/calendar-input';

export const dynamic = 'force-dynamic';
type P = { id: string };

export const GET = withApi<P>({}, async (_req, { user, params }) => getCalendar(user, params.id));

export const PATCH = withApi<P>({ roles: RESOURCE_ADMINS }, async (req, { user, params }) =>
  updateCalendar(user, params.id, await validateBody<Partial<CalendarInput>>(req, 'CalendarPatch')),
);

export const DELETE = withApi<P>({ roles: RESOURCE_ADMINS }, async (_req, { user, params }) => {
  await deleteCalendar(user, params.id);
  return noContent();
});
