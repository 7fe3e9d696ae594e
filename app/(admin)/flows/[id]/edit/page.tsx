// The flow editor page: loads the flow's draft, its live version (for "Live: vN" and
// "Unpublished changes") and the organisation's objects (for pickers and reference checks)
// on the server, then hands them to the client editor.
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import type { FlowDocument } from '@/schemas';
import { FlowEditor } from '@/app/flow-editor/flow-editor';
import { getDraft } from '@/app/lib/flows/get-draft';
import { FLOW_ANALYTICS_READERS } from '@/app/lib/auth/roles';
import { getPrisma } from '@/prisma/client';
import { requireSection } from '../../../require-section';
import { loadEditorReferences } from '../load-editor-references';

type Params = { params: Promise<{ id: string }> };

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('editor');
  return { title: t('title') };
}

export default async function FlowEditorPage({ params }: Params) {
  const { user, editable } = await requireSection('flows');
  const { id } = await params;
  const draft = await getDraft(user, id).catch(() => null);
  if (!draft) notFound();
  const [references, locale, live] = await Promise.all([
    loadEditorReferences(user.organizationId),
    getLocale(),
    getPrisma().flowVersion.findFirst({
      where: { flowId: id, organizationId: user.organizationId, status: 'published' },
      orderBy: { number: 'desc' },
      select: { number: true, document: true },
    }),
  ]);
  return (
    <FlowEditor
      flowId={id}
      document={draft.document as FlowDocument}
      revision={draft.revision}
      updatedAt={draft.updatedAt.toISOString()}
      references={references}
      language={locale === 'en' ? 'en' : 'fr'}
      editable={editable}
      live={live?.number ? { number: live.number, document: live.document as unknown as FlowDocument } : null}
      callStats={{ allowed: FLOW_ANALYTICS_READERS.includes(user.role) }}
    />
  );
}
