import { json, withApi } from '@/app/lib/api/handler';
import { validateBody } from '@/app/lib/api/validate-body';
import { sendCallCommand, type CallCommandInput } from '@/app/lib/calls/send-call-command';

export const dynamic = 'force-dynamic';

/**
 * A command for a live call (hold, resume, hangup, transfers, recordStart/recordStop…), run by the
 * runtime holding it; answers once it ran. Admins, supervisors: any call of the organisation;
 * agents: the call they are bridged to (others 404). See app/lib/calls/send-call-command.ts.
 */
export const POST = withApi<{ id: string }>({}, async (req, { user, params }) => {
  const body = await validateBody<CallCommandInput>(req, 'CallCommandInput');
  return json(await sendCallCommand(user, params.id, body), 200);
});
