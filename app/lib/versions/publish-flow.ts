import type { CurrentUser } from '@/app/lib/auth/current-user';
import { ApiError, notFound, type ApiProblem } from '@/app/lib/api/errors';
import { recordAudit } from '@/app/lib/audit/record-audit';
import { inTransaction } from '@/app/lib/db/transaction';
import { checkFlowTests, type FlowTestsSummary } from './check-flow-tests';
import { checkPublishable } from './check-publishable';
import { createPublishedVersion } from './create-published-version';
import { getVersion } from './get-version';
import { lockFlow } from './lock-flow';
import type { VersionDetailView } from './version-view';

export interface PublishFlowInput {
  note?: string | null;
  /** Publish although the draft has warnings (the publisher has seen them). */
  acknowledgeWarnings?: boolean;
  /** Publish although some of the draft's test cases fail (the publisher has seen them). */
  acknowledgeFailingTests?: boolean;
  /** The draft revision the publisher reviewed; refused (409) if the draft changed since. */
  expectedRevision?: number;
}

/**
 * Publishes a flow's draft as version N+1, in one transaction:
 * 1. lock the flow row (concurrent publishes queue up, numbers never collide);
 * 2. check the draft revision when the caller names one;
 * 3. validate strictly with the organisation's references (errors → 400, warnings → 409
 *    unless acknowledged), then run the draft's test cases (a failing one → 409
 *    TESTS_FAILING unless acknowledged);
 * 4. copy the draft into a new immutable version, NOTIFY relais_flow_published;
 * 5. record the audit row.
 */
export async function publishFlow(
  user: Pick<CurrentUser, 'id' | 'organizationId'>,
  flowId: string,
  input: PublishFlowInput,
): Promise<VersionDetailView & { warnings: ApiProblem[]; tests: PublishTestsView }> {
  return inTransaction(async (tx) => {
    await lockFlow(tx, user.organizationId, flowId);
    const draft = await tx.flowVersion.findFirst({ where: { flowId, status: 'draft' }, select: { document: true, revision: true } });
    if (!draft) throw notFound('Draft of flow', flowId);
    if (input.expectedRevision !== undefined && input.expectedRevision !== draft.revision) {
      throw new ApiError(
        'CONFLICT',
        `The draft changed since you reviewed it (revision ${draft.revision}, you reviewed ${input.expectedRevision}); review it again before publishing`,
        { path: '/expectedRevision', details: { currentRevision: draft.revision } },
      );
    }
    const warnings = await checkPublishable(tx, user.organizationId, draft.document, {
      acknowledgeWarnings: input.acknowledgeWarnings === true,
      what: 'The draft',
    });
    const organization = await tx.organization.findUniqueOrThrow({ where: { id: user.organizationId }, select: { id: true, timezone: true } });
    const tests = await checkFlowTests(tx, organization, flowId, draft.document, {
      acknowledgeFailingTests: input.acknowledgeFailingTests === true,
      what: 'The draft',
    });
    const note = input.note?.trim() || null;
    const version = await createPublishedVersion(tx, user, { flowId, document: draft.document, note, revision: draft.revision });
    await recordAudit(tx, user, {
      action: 'publish',
      entityType: 'flow',
      entityId: flowId,
      details: {
        number: version.number, versionId: version.id, note, draftRevision: draft.revision, acknowledgedWarnings: warnings.length,
        tests: { passed: tests.passed, failed: tests.failed, coverage: tests.coverage.percent },
        acknowledgedFailingTests: tests.failing.map((c) => ({ caseId: c.caseId, name: c.name })),
      },
    });
    return { ...(await getVersion(user, flowId, version.number, tx)), warnings, tests: testsView(tests) };
  });
}

/** The 201's summary of the draft's test cases: how many passed and failed, and the coverage. */
export interface PublishTestsView {
  passed: number;
  failed: number;
  coverage: FlowTestsSummary['coverage'];
}

function testsView(tests: FlowTestsSummary): PublishTestsView {
  return { passed: tests.passed, failed: tests.failed, coverage: tests.coverage };
}
