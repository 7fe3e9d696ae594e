import { ApiError } from '@/app/lib/api/errors';
import { assertValid, type BodySchema } from '@/app/lib/api/validate-body';

/** Like validateBody, but an empty body means `{}` (for actions whose fields are all optional). */
export async function readOptionalBody<T>(req: Request, schema: BodySchema): Promise<T> {
  const text = await req.text();
  if (!text.trim()) return assertValid<T>(schema, {});
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (err) {
    throw new ApiError('INVALID_JSON', `The request body is not valid JSON: ${(err as Error).message}`, { path: '' });
  }
  return assertValid<T>(schema, body);
}
