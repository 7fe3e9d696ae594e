import { withApi } from '@/app/lib/api/handler';
import { RESOURCE_ADMINS } from '@/app/lib/auth/roles';
import { listSipSecurity } from '@/app/lib/sip-security/list-sip-security';

export const dynamic = 'force-dynamic';

/** GET /api/sip-security — failed SIP authentications and active bans (admins). */
export const GET = withApi({ roles: RESOURCE_ADMINS }, async (_req, { user }) => listSipSecurity(user));
