import { noContent, withApi } from '@/app/lib/api/handler';
import { deleteApiToken } from '@/app/lib/api-tokens/delete-api-token';

export const dynamic = 'force-dynamic';

export const DELETE = withApi<{ id: string }>({}, async (_req, { user, params }) => {
  await deleteApiToken(user, params.id);
  return noContent();
});
