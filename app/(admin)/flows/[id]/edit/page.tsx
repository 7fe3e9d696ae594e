// The flow editor page: loads the flow's draft, its live version (for "Live: vN" and
// "Unpublished changes") and the organisation's objects (for pickers and reference checks)
// on the server, then hands them to the client editor.
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import type { FlowDocument } from '@/schemas';
import { FlowEditor } from '@/app/flow-editor/flow-editor';
import type { ReferenceOptions } from '@/app/flow-editor/store';
import { getDraft } from '@/app/lib/flows/get-draft';
import { getPrisma } from '@/prisma/client';
import { requireSection } from '../../../require-section';

type Params = { params: Promise<{ id: string }> };

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('editor');
  return { title: t('title') };
}

async function loadReferences(organizationId: string): Promise<ReferenceOptions> {
  const prisma = getPrisma();
  const where = { organizationId };
  const byName = { orderBy: { name: 'asc' as const } };
  const [sounds, groups, calendars, numbers, flows, agents, forbiddenLists] = await Promise.all([
    prisma.sound.findMany({ where, select: { id: true, name: true }, ...byName }),
    prisma.queueGroup.findMany({ where, select: { id: true, name: true }, ...byName }),
    prisma.calendar.findMany({ where, select: { id: true, name: true }, ...byName }),
    prisma.phoneNumber.findMany({ where, select: { id: true, e164: true, label: true }, orderBy: { e164: 'asc' } }),
    prisma.flow.findMany({ where: { ...where, deletedAt: null }, select: { id: true, name: true }, ...byName }),
    prisma.agent.findMany({ where, select: { id: true, name: true }, ...byName }),
    prisma.forbiddenList.findMany({ where, select: { id: true, name: true }, ...byName }),
  ]);
  return {
    sounds,
    groups,
    calendars,
    numbers: numbers.map((n) => ({ id: n.id, name: n.label ? `${n.e164} — ${n.label}` : n.e164 })),
    flows,
    agents,
    forbiddenLists,
  };
}

export default async function FlowEditorPage({ params }: Params) {
  const { user, editable } = await requireSection('flows');
  const { id } = await params;
  const draft = await getDraft(user, id).catch(() => null);
  if (!draft) notFound();
  const [references, locale, live] = await Promise.all([
    loadReferences(user.organizationId),
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
    />
  );
}
