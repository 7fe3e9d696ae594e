// Validates a flow document sent to the API (draft save, flow creation). Rejects with
// 400 VALIDATION_FAILED: `path` is the JSON pointer of the first error in the request body,
// `problems` lists every finding. A draft is work in progress, so findings that only make a
// flow unpublishable (a required output not yet connected) are returned as warnings.
import { validateFlow, type Problem } from '@/schemas';
import { ApiError, type ApiProblem } from '@/app/lib/api/errors';
import type { Db } from '@/app/lib/db/transaction';
import { loadFlowReferences } from './load-flow-references';

/** Problem codes that do not block saving a draft (they will block publishing). */
const DRAFT_TOLERATED = new Set<string>(['output.required-unconnected']);

/**
 * @param bodyPointer where the document sits in the request body (e.g. `/document`).
 * @returns the remaining warnings, with body pointers.
 */
export async function checkFlowDocument(
  db: Db,
  organizationId: string,
  document: unknown,
  bodyPointer: string,
): Promise<ApiProblem[]> {
  const references = await loadFlowReferences(db, organizationId, document);
  const { problems } = validateFlow(document, { references });
  const asDraft: ApiProblem[] = problems.map((p: Problem) => ({
    ...p,
    severity: p.severity === 'error' && DRAFT_TOLERATED.has(p.code) ? 'warning' : p.severity,
    path: bodyPointer + p.path,
  }));
  const errors = asDraft.filter((p) => p.severity === 'error');
  if (errors.length > 0) {
    const first = errors[0];
    throw new ApiError('VALIDATION_FAILED', `${first.path}: ${first.message}`, { path: first.path, problems: asDraft });
  }
  return asDraft;
}
