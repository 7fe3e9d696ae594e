import { json, withApi } from '@/app/lib/api/handler';
import { validateBody } from '@/app/lib/api/validate-body';
import { RESOURCE_ADMINS } from '@/app/lib/auth/roles';
import { createNumber } from '@/app/lib/numbers/create-number';
import { listNumbers } from '@/app/lib/numbers/list-numbers';
import type { NumberInput } from '@/app/lib/numbers/number-view';

export const dynamic = 'force-dynamic';

export const GET = withApi({}, async (_req, { user }) => ({ numbers: await listNumbers(user) }));

export const POST = withApi({ roles: RESOURCE_ADMINS }, async (req, { user }) =>
  json(await createNumber(user, await validateBody<NumberInput>(req, 'NumberInput')), 201),
);
