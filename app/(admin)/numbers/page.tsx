import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { getPrisma } from '@/prisma/client';
import { requireSection } from '../require-section';
import { NumbersList, type NumberRow } from './numbers-list';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('numbers'))('title') };
}

export default async function NumbersPage() {
  const { user, editable } = await requireSection('numbers');
  const prisma = getPrisma();
  const [numbers, flows] = await Promise.all([
    prisma.phoneNumber.findMany({
      where: { organizationId: user.organizationId },
      orderBy: { e164: 'asc' },
      include: {
        flow: {
          select: {
            name: true,
            deletedAt: true,
            versions: { where: { status: 'published' }, orderBy: { number: 'desc' }, take: 1, select: { number: true } },
          },
        },
      },
    }),
    prisma.flow.findMany({
      where: { organizationId: user.organizationId, deletedAt: null },
      orderBy: { name: 'asc' },
      select: { id: true, name: true },
    }),
  ]);
  const rows: NumberRow[] = numbers.map((n) => ({
    id: n.id,
    e164: n.e164,
    label: n.label,
    flowId: n.flow && !n.flow.deletedAt ? n.flowId : null,
    flowName: n.flow && !n.flow.deletedAt ? n.flow.name : null,
    publishedVersion: n.flow && !n.flow.deletedAt ? (n.flow.versions[0]?.number ?? null) : null,
  }));
  return <NumbersList numbers={rows} flows={flows} editable={editable} />;
}
