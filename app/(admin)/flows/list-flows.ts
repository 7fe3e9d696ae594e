// The flows of one organisation, as the list shows them.
import { getPrisma } from '@/prisma/client';

export interface FlowRow {
  id: string;
  name: string;
  description: string | null;
  updatedAt: string;
  publishedVersion: number | null;
  numbers: string[];
}

export async function listFlows(organizationId: string): Promise<FlowRow[]> {
  const flows = await getPrisma().flow.findMany({
    where: { organizationId, deletedAt: null },
    orderBy: { updatedAt: 'desc' },
    include: {
      versions: { select: { status: true, number: true, updatedAt: true } },
      phoneNumbers: { select: { e164: true }, orderBy: { e164: 'asc' } },
    },
  });
  return flows.map((flow) => {
    const published = flow.versions.filter((v) => v.status === 'published' && v.number !== null).map((v) => v.number!);
    const lastChange = Math.max(flow.updatedAt.getTime(), ...flow.versions.map((v) => v.updatedAt.getTime()));
    return {
      id: flow.id,
      name: flow.name,
      description: flow.description,
      updatedAt: new Date(lastChange).toISOString(),
      publishedVersion: published.length ? Math.max(...published) : null,
      numbers: flow.phoneNumbers.map((n) => n.e164),
    };
  });
}
