import { json, withApi } from '@/app/lib/api/handler';
import { validateBody } from '@/app/lib/api/validate-body';
import { RESOURCE_ADMINS } from '@/app/lib/auth/roles';
import { createCalendar } from '@/app/lib/calendars/create-calendar';
import { listCalendars } from '@/app/lib/calendars/list-calendars';
import type { CalendarInput } from '@/app/lib/calendars/calendar-input';

export const dynamic = 'force-dynamic';

export const GET = withApi({}, async (_req, { user }) => ({ calendars: await listCalendars(user) }));

export const POST = withApi({ roles: RESOURCE_ADMINS }, async (req, { user }) =>
  json(await createCalendar(user, await validateBody<CalendarInput>(req, 'CalendarInput')), 201),
);
