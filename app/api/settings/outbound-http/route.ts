import { withApi } from '@/app/lib/api/handler';
import { validateBody } from '@/app/lib/api/validate-body';
import { RESOURCE_ADMINS } from '@/app/lib/auth/roles';
import { getOutboundHttpSettings, updateOutboundHttpSettings, type OutboundHttpSettings } from '@/app/lib/outbound-http/outbound-http-settings';

export const dynamic = 'force-dynamic';

/** GET /api/settings/outbound-http — internal hosts the flow HTTP step may reach (admins). */
export const GET = withApi({ roles: RESOURCE_ADMINS }, async (_req, { user }) => getOutboundHttpSettings(user));

/** PUT /api/settings/outbound-http — replaces the list (each entry checked, audited). */
export const PUT = withApi({ roles: RESOURCE_ADMINS }, async (req, { user }) =>
  updateOutboundHttpSettings(user, await validateBody<OutboundHttpSettings>(req, 'OutboundHttpSettings')),
);
