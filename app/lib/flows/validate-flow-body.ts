// Validates a request body that embeds a flow document (flow creation, draft save): the
// envelope with the API schema, the document itself with validateFlow (richer findings:
// graph rules, references) in the domain function.
import { FLOW_RULE } from '@/app/lib/api/body-limits';
import { ApiError } from '@/app/lib/api/errors';
import { assertValid, readJson, type BodySchema } from '@/app/lib/api/validate-body';

export async function readFlowBody<T>(req: Request, schema: BodySchema, documentField = 'document', options: { allowEmpty?: boolean } = {}): Promise<T> {
  const body = await readJson(req, { limit: FLOW_RULE, allowEmpty: options.allowEmpty });
  try {
    return assertValid<T>(schema, body);
  } catch (err) {
    if (!(err instanceof ApiError) || err.code !== 'VALIDATION_FAILED' || !err.problems) throw err;
    const inside = `/${documentField}/`;
    const envelope = err.problems.filter((p) => !p.path.startsWith(inside));
    const document = body[documentField];
    const documentIsObject = document !== null && typeof document === 'object' && !Array.isArray(document);
    // Problems inside the document are left to validateFlow.
    if (envelope.length === 0 && documentIsObject) return body as T;
    const problems = envelope.length > 0 ? envelope : err.problems;
    throw new ApiError('VALIDATION_FAILED', `${problems[0].path || 'body'}: ${problems[0].message}`, { path: problems[0].path, problems });
  }
}
