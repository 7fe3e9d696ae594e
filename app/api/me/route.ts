import { withApi } from '@/app/lib/api/handler';

export const dynamic = 'force-dynamic';

/** The caller: id, email, name, role, organizationId, locale, and how they authenticated. */
export const GET = withApi({}, async (_req, { user }) => user);
