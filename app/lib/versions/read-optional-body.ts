import { assertValid, readJson, type BodySchema } from '@/app/lib/api/validate-body';

/** Like validateBody, but an empty body means `{}` (for actions whose fields are all optional). */
export async function readOptionalBody<T>(req: Request, schema: BodySchema): Promise<T> {
  return assertValid<T>(schema, await readJson(req, { allowEmpty: true }));
}
