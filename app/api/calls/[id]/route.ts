import { withApi } from '@/app/lib/api/handler';
import { getCallDetail } from '@/app/lib/calls/call-detail';
import { getPrisma } from '@/prisma/client';

export const dynamic = 'force-dynamic';

/** GET /api/calls/:id — the call, its path events, legs, recordings and voicemails. Admins and supervisors. */
export const GET = withApi<{ id: string }>({ roles: ['admin', 'supervisor'] }, async (_req, { user, params }) => getCallDetail(getPrisma(), user.organizationId, params.id));
