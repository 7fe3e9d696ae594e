import type { CurrentUser } from '@/app/lib/auth/current-user';
import { recordAudit } from '@/app/lib/audit/record-audit';
import { inTransaction } from '@/app/lib/db/transaction';
import { loadFlowDocument } from '@/app/lib/versions/load-flow-document';
import { remapFlowIds } from '@/app/lib/versions/remap-flow-ids';
import { remapTestCaseIds } from '@/flow-runtime/simulator/remap-test-ids';
import type { FlowTestCase } from '@/flow-runtime/simulator/types';
import { notFound } from '@/app/lib/api/errors';
import { getFlow } from './get-flow';
import type { FlowView } from './flow-view';

export interface DuplicateFlowInput {
  /** Which document to copy: the draft (default) or a published version's number. */
  from?: 'draft' | number;
  /** The copy's name; defaults to "Copy of <name>" / "Copie de <name>" in the caller's language. */
  name?: string;
}

/**
 * Copies a flow's draft or one of its versions into a new flow of the same organisation,
 * with a draft only (never published), fresh node and edge ids (its test cases follow them), and the name given (the
 * duplicate dialog asks for it) or "Copy of …" / "Copie de …" in the caller's language. The copy and the original share nothing,
 * so editing one never changes the other.
 */
export async function duplicateFlow(user: Pick<CurrentUser, 'id' | 'organizationId' | 'locale'>, flowId: string, input: DuplicateFlowInput): Promise<FlowView> {
  return inTransaction(async (tx) => {
    const original = await tx.flow.findFirst({ where: { id: flowId, organizationId: user.organizationId, deletedAt: null }, select: { name: true, description: true } });
    if (!original) throw notFound('Flow', flowId);
    const source = await loadFlowDocument(tx, user, flowId, input.from ?? 'draft');
    const name = input.name?.trim() || defaultCopyName(original.name, user.locale);
    const { document, nodeIds } = remapFlowIds(source.document as Record<string, unknown>);
    // the test cases follow their nodes (visited, end node, typed HTTP answers)
    if (Array.isArray(document.tests)) document.tests = remapTestCaseIds(document.tests as FlowTestCase[], nodeIds);
    if (typeof document.name === 'string') document.name = name;
    const flow = await tx.flow.create({ data: { organizationId: user.organizationId, name, description: original.description } });
    await tx.flowVersion.create({
      data: { organizationId: user.organizationId, flowId: flow.id, status: 'draft', revision: 1, document: document as object, authorId: user.id },
    });
    const details = { name, sourceFlowId: flowId, sourceName: original.name, from: source.ref };
    await recordAudit(tx, user, { action: 'duplicate', entityType: 'flow', entityId: flowId, details: { ...details, copyFlowId: flow.id } });
    await recordAudit(tx, user, { action: 'create', entityType: 'flow', entityId: flow.id, details });
    return getFlow(user, flow.id, tx);
  });
}

/** "Copy of Accueil" / "Copie de Accueil", within the 120 characters of a flow name (the dialog prefills the same). */
export function defaultCopyName(name: string, locale: string): string {
  return `${locale === 'fr' ? 'Copie de' : 'Copy of'} ${name}`.slice(0, 120);
}
