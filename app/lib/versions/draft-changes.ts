// Does the draft hold work that is not live? (Its document differs from the newest published
// version's, key order aside.) A rollback must not throw such work away unasked.
import { isDeepStrictEqual } from 'node:util';
import type { Tx } from '@/app/lib/db/transaction';
import type { PrismaClient } from '@/prisma/client';

export async function draftHasUnpublishedChanges(db: Tx | PrismaClient, flowId: string): Promise<boolean> {
  const [draft, live] = await Promise.all([
    db.flowVersion.findFirst({ where: { flowId, status: 'draft' }, select: { document: true } }),
    db.flowVersion.findFirst({ where: { flowId, status: 'published' }, orderBy: { number: 'desc' }, select: { document: true } }),
  ]);
  if (!draft) return false;
  if (!live) return true;
  return !isDeepStrictEqual(draft.document, live.document);
}
