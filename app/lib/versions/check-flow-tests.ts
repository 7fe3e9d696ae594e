// The publish gate's second half (after check-publishable.ts): the draft's saved test cases
// run on the simulator; any failing case blocks publishing with 409 TESTS_FAILING (each case
// with its mismatches, and the coverage) until the publisher acknowledges them
// (`acknowledgeFailingTests: true`), like warnings. Real HTTP requests of cases without
// typed answers are bounded so the publish transaction stays short.
import { ApiError } from '@/app/lib/api/errors';
import type { Db } from '@/app/lib/db/transaction';
import { documentCases, runFlowTests } from '@/app/lib/simulator/run-flow-tests';
import type { CaseMismatch, Coverage } from '@/flow-runtime/simulator/types';

/** Real HTTP of the cases at publish: at most this many requests and this long in all. */
export const PUBLISH_HTTP_LIMITS = { maxRequests: 20, budgetMs: 10_000 };

export interface CaseSummary {
  caseId: string;
  name: string;
  passed: boolean;
  mismatches: CaseMismatch[];
}

export interface FlowTestsSummary {
  passed: number;
  failed: number;
  coverage: Coverage;
  /** The failing cases (acknowledged when the publish went through). */
  failing: CaseSummary[];
}

/**
 * @returns the summary (every case passed, or the failures were acknowledged).
 * @throws 409 TESTS_FAILING `{ runs: [{caseId, name, passed, mismatches}], coverage }` when a case fails unacknowledged.
 */
export async function checkFlowTests(
  db: Db,
  organization: { id: string; timezone: string },
  flowId: string,
  document: unknown,
  options: { acknowledgeFailingTests: boolean; what: string },
): Promise<FlowTestsSummary> {
  const { runs, coverage } = await runFlowTests(db, organization, flowId, document, documentCases(document), PUBLISH_HTTP_LIMITS);
  const summaries: CaseSummary[] = runs.map((r) => ({ caseId: r.caseId, name: r.name, passed: r.passed, mismatches: r.mismatches }));
  const failing = summaries.filter((r) => !r.passed);
  if (failing.length > 0 && !options.acknowledgeFailingTests) {
    const names = failing.slice(0, 3).map((r) => `"${r.name}"`).join(', ') + (failing.length > 3 ? '…' : '');
    throw new ApiError(
      'TESTS_FAILING',
      `${options.what} fails ${failing.length} of its ${runs.length} test case${runs.length > 1 ? 's' : ''} (${names}); fix the flow or the cases, or publish again with "acknowledgeFailingTests": true`,
      { details: { runs: summaries, coverage } },
    );
  }
  return { passed: runs.length - failing.length, failed: failing.length, coverage, failing };
}
