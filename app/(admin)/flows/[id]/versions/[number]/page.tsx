// A published version's page: its canvas, read-only, with the statistics of the calls that ran
// this version (issue 15 item 3) shown from the start for admins and supervisors, and — for the
// live version — the calls in each node now.
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import type { FlowDocument } from '@/schemas';
import { FlowEditor } from '@/app/flow-editor/flow-editor';
import { ApiError } from '@/app/lib/api/errors';
import { FLOW_ANALYTICS_READERS } from '@/app/lib/auth/roles';
import { getVersion, parseVersionNumber } from '@/app/lib/versions/get-version';
import { getPrisma } from '@/prisma/client';
import { requireSection } from '../../../../require-section';
import { loadEditorReferences } from '../../load-editor-references';

type Params = { params: Promise<{ id: string; number: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const [{ number }, t] = await Promise.all([params, getTranslations('flowAnalytics')]);
  return { title: t('versionPageTitle', { number }) };
}

export default async function FlowVersionPage({ params }: Params) {
  const { user } = await requireSection('flows');
  const { id, number: raw } = await params;
  const version = await getVersion(user, id, parseVersionNumber(id, raw)).catch((err: unknown) => {
    if (err instanceof ApiError) return null;
    throw err;
  });
  if (!version) notFound();
  const [references, locale, live] = await Promise.all([
    loadEditorReferences(user.organizationId),
    getLocale(),
    getPrisma().flowVersion.findFirst({ where: { flowId: id, organizationId: user.organizationId, status: 'published' }, orderBy: { number: 'desc' }, select: { number: true } }),
  ]);
  return (
    <FlowEditor
      key={version.id}
      flowId={id}
      document={version.document as FlowDocument}
      revision={0}
      references={references}
      language={locale === 'en' ? 'en' : 'fr'}
      editable={false}
      live={null}
      version={{ number: version.number, isLive: live?.number === version.number }}
      callStats={{ allowed: FLOW_ANALYTICS_READERS.includes(user.role), versionId: version.id, showStats: true }}
    />
  );
}
