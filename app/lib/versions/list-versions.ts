import type { CurrentUser } from '@/app/lib/auth/current-user';
import { notFound } from '@/app/lib/api/errors';
import { getPrisma } from '@/prisma/client';
import { toVersionView, versionSelect, type VersionView } from './version-view';

export interface VersionListView {
  flowId: string;
  /** The newest published version (what new calls run), or null; never a canary version. */
  liveNumber: number | null;
  draft: { revision: number; updatedAt: Date } | null;
  /** Newest first. */
  versions: VersionView[];
}

/** The published and canary versions of a flow of the caller's organisation, newest first. */
export async function listVersions(user: Pick<CurrentUser, 'organizationId'>, flowId: string): Promise<VersionListView> {
  const prisma = getPrisma();
  const flow = await prisma.flow.findFirst({ where: { id: flowId, organizationId: user.organizationId, deletedAt: null }, select: { id: true } });
  if (!flow) throw notFound('Flow', flowId);
  const [rows, draft] = await Promise.all([
    prisma.flowVersion.findMany({ where: { flowId, status: { in: ['published', 'canary'] } }, select: versionSelect, orderBy: { number: 'desc' } }),
    prisma.flowVersion.findFirst({ where: { flowId, status: 'draft' }, select: { revision: true, updatedAt: true } }),
  ]);
  const numbers = new Map(rows.map((r) => [r.id, r.number!]));
  return { flowId, liveNumber: rows.find((r) => r.status === 'published')?.number ?? null, draft, versions: rows.map((r) => toVersionView(r, numbers)) };
}
