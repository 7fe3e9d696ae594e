import type { CurrentUser } from '@/app/lib/auth/current-user';
import { recordAudit } from '@/app/lib/audit/record-audit';
import { inTransaction } from '@/app/lib/db/transaction';
import type { ApiProblem } from '@/app/lib/api/errors';
import { checkFlowDocument } from './check-flow-document';
import { emptyFlowDocument } from './empty-flow-document';
import { getFlow } from './get-flow';
import type { FlowView } from './flow-view';

export interface CreateFlowInput {
  name: string;
  description?: string | null;
  /** Starting draft; defaults to a one-step flow that hangs up. */
  document?: Record<string, unknown>;
}

/** Creates a flow and its draft version (revision 1) in one transaction. */
export async function createFlow(
  user: Pick<CurrentUser, 'id' | 'organizationId' | 'locale'>,
  input: CreateFlowInput,
): Promise<FlowView & { problems: ApiProblem[] }> {
  const name = input.name.trim();
  return inTransaction(async (tx) => {
    const document = input.document ?? emptyFlowDocument(name, user.locale === 'en' ? 'en' : 'fr');
    const problems = input.document ? await checkFlowDocument(tx, user.organizationId, document, '/document') : [];
    const flow = await tx.flow.create({
      data: { organizationId: user.organizationId, name, description: input.description ?? null },
    });
    await tx.flowVersion.create({
      data: {
        organizationId: user.organizationId,
        flowId: flow.id,
        status: 'draft',
        revision: 1,
        document: document as object,
        authorId: user.id,
      },
    });
    await recordAudit(tx, user, { action: 'create', entityType: 'flow', entityId: flow.id, details: { name } });
    return { ...(await getFlow(user, flow.id, tx)), problems };
  });
}
