// POST /api/flows/:id/simulate: runs test cases of a flow server-side and answers
// { runs, coverage }. The document: the unsaved one sent (validated as a draft save would
// be), else the draft, the live version or version N. The cases: those sent (validated with
// the flow schema's test case, schemas/api/flow-simulate.schema.json), else the document's
// own, or those of them named by caseIds.
import type { CurrentUser } from '@/app/lib/auth/current-user';
import { ApiError, notFound } from '@/app/lib/api/errors';
import { checkFlowDocument } from '@/app/lib/flows/check-flow-document';
import { loadFlowDocument, type DocumentRef } from '@/app/lib/versions/load-flow-document';
import { getPrisma } from '@/prisma/client';
import type { FlowTestCase } from '@/flow-runtime/simulator/types';
import { documentCases, runFlowTests, type FlowTestsResult } from './run-flow-tests';

export interface SimulateFlowInput {
  source?: DocumentRef;
  document?: Record<string, unknown>;
  cases?: FlowTestCase[];
  caseIds?: string[];
}

/** Real HTTP requests of one POST …/simulate (all its cases together). */
export const SIMULATE_HTTP_LIMITS = { maxRequests: 50, budgetMs: 60_000 };

function fail(path: string, message: string, code = 'simulate.invalid'): ApiError {
  return new ApiError('VALIDATION_FAILED', `${path}: ${message}`, { path, problems: [{ severity: 'error', code, message, path }] });
}

export async function simulateFlow(user: Pick<CurrentUser, 'organizationId'>, flowId: string, input: SimulateFlowInput): Promise<FlowTestsResult> {
  const db = getPrisma();
  if (input.cases && input.caseIds) throw fail('/caseIds', 'send either cases or caseIds, not both');
  const flow = await db.flow.findFirst({
    where: { id: flowId, organizationId: user.organizationId, deletedAt: null },
    select: { organization: { select: { id: true, timezone: true } } },
  });
  if (!flow) throw notFound('Flow', flowId);

  let document: unknown;
  if (input.document !== undefined) {
    await checkFlowDocument(db, user.organizationId, input.document, '/document');
    document = input.document;
  } else {
    document = (await loadFlowDocument(db, user, flowId, input.source ?? 'draft')).document;
  }

  let cases: FlowTestCase[];
  if (input.cases) {
    cases = input.cases;
  } else {
    const own = documentCases(document);
    if (input.caseIds) {
      const byId = new Map(own.map((c) => [c.id, c]));
      cases = input.caseIds.map((id, i) => {
        const found = byId.get(id);
        if (!found) throw fail(`/caseIds/${i}`, `the flow has no test case "${id}"`, 'simulate.unknownCase');
        return found;
      });
    } else {
      cases = own;
    }
  }
  return runFlowTests(db, flow.organization, flowId, document, cases, SIMULATE_HTTP_LIMITS);
}
