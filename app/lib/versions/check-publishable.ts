// Strict validation before publishing: every error blocks (including the ones a draft may
// keep while being edited, such as a required output not yet connected); warnings block
// until the publisher acknowledges them.
import { validateFlow, type Problem } from '@/schemas';
import { ApiError, type ApiProblem } from '@/app/lib/api/errors';
import type { Db } from '@/app/lib/db/transaction';
import { loadFlowReferences } from '@/app/lib/flows/load-flow-references';

/**
 * @returns the warnings (acknowledged or absent).
 * @throws 400 VALIDATION_FAILED listing every problem when there is an error;
 *         409 WARNINGS_NOT_ACKNOWLEDGED listing the warnings when they were not acknowledged.
 * Problem paths are JSON pointers into the flow document.
 */
export async function checkPublishable(
  db: Db,
  organizationId: string,
  document: unknown,
  options: { acknowledgeWarnings: boolean; what: string },
): Promise<ApiProblem[]> {
  const references = await loadFlowReferences(db, organizationId, document);
  const { problems } = validateFlow(document, { references });
  const listed: ApiProblem[] = problems.map((p: Problem) => ({ ...p }));
  const errors = listed.filter((p) => p.severity === 'error');
  if (errors.length > 0) {
    throw new ApiError(
      'VALIDATION_FAILED',
      `${options.what} cannot be published: ${errors.length} error${errors.length > 1 ? 's' : ''} to fix first (${errors[0].path || '/'}: ${errors[0].message})`,
      { path: errors[0].path, problems: listed },
    );
  }
  const warnings = listed.filter((p) => p.severity === 'warning');
  if (warnings.length > 0 && !options.acknowledgeWarnings) {
    throw new ApiError(
      'WARNINGS_NOT_ACKNOWLEDGED',
      `${options.what} has ${warnings.length} warning${warnings.length > 1 ? 's' : ''}; review them and publish again with "acknowledgeWarnings": true`,
      { problems: warnings },
    );
  }
  return warnings;
}
