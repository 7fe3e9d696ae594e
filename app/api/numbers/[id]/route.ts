import { noContent, withApi } from '@/app/lib/api/handler';
import { validateBody } from '@/app/lib/api/validate-body';
import { RESOURCE_ADMINS } from '@/app/lib/auth/roles';
import { deleteNumber } from '@/app/lib/numbers/delete-number';
import { getNumber } from '@/app/lib/numbers/get-number';
import { updateNumber } from '@/app/lib/numbers/update-number';
import type { NumberInput } from '@/app/lib/numbers/number-view';
import { confirmedIn } from '@/app/lib/usage/refuse-if-used';

export const dynamic = 'force-dynamic';
type P = { id: string };

export const GET = withApi<P>({}, async (_req, { user, params }) => getNumber(user, params.id));

export const PATCH = withApi<P>({ roles: RESOURCE_ADMINS }, async (req, { user, params }) =>
  updateNumber(user, params.id, await validateBody<Partial<NumberInput>>(req, 'NumberPatch')),
);

export const DELETE = withApi<P>({ roles: RESOURCE_ADMINS }, async (req, { user, params }) => {
  await deleteNumber(user, params.id, { confirmed: confirmedIn(req) });
  return noContent();
});
