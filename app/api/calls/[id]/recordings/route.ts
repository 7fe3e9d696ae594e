import { withApi } from '@/app/lib/api/handler';
import { listCallRecordings } from '@/app/lib/calls/call-recordings';

export const dynamic = 'force-dynamic';

/** The call's recordings, without their audio. Agents: calls they took part in; others 404. */
export const GET = withApi<{ id: string }>({}, async (_req, { user, params }) => listCallRecordings(user, params.id));
