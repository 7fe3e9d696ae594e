import { json, withApi } from '@/app/lib/api/handler';
import { validateBody } from '@/app/lib/api/validate-body';
import { createApiToken, type CreateApiTokenInput } from '@/app/lib/api-tokens/create-api-token';
import { listApiTokens } from '@/app/lib/api-tokens/list-api-tokens';

export const dynamic = 'force-dynamic';

export const GET = withApi({}, async (_req, { user }) => ({ tokens: await listApiTokens(user) }));

export const POST = withApi({}, async (req, { user }) =>
  json(await createApiToken(user, await validateBody<CreateApiTokenInput>(req, 'ApiTokenCreate')), 201),
);
