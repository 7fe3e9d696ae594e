import { noContent, withApi } from '@/app/lib/api/handler';
import { validateBody } from '@/app/lib/api/validate-body';
import { RESOURCE_ADMINS } from '@/app/lib/auth/roles';
import { deleteSound } from '@/app/lib/sounds/delete-sound';
import { getSound } from '@/app/lib/sounds/get-sound';
import { updateSound } from '@/app/lib/sounds/update-sound';

export const dynamic = 'force-dynamic';
type P = { id: string };

export const GET = withApi<P>({}, async (_req, { user, params }) => getSound(user, params.id));

export const PATCH = withApi<P>({ roles: RESOURCE_ADMINS }, async (req, { user, params }) =>
  updateSound(user, params.id, await validateBody<{ name?: string; language?: string }>(req, 'SoundUpdate')),
);

export const DELETE = withApi<P>({ roles: RESOURCE_ADMINS }, async (_req, { user, params }) => {
  await deleteSound(user, params.id);
  return noContent();
});
