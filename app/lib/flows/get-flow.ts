import type { CurrentUser } from '@/app/lib/auth/current-user';
import { notFound } from '@/app/lib/api/errors';
import type { Db } from '@/app/lib/db/transaction';
import { getPrisma } from '@/prisma/client';
import { findFlowRow, toFlowView, type FlowView } from './flow-view';

/** One flow of the caller's organisation; 404 for another organisation's or a deleted one. */
export async function getFlow(user: Pick<CurrentUser, 'organizationId'>, id: string, db: Db = getPrisma()): Promise<FlowView> {
  const flow = await findFlowRow(db, user.organizationId, id);
  if (!flow) throw notFound('Flow', id);
  return toFlowView(flow);
}
