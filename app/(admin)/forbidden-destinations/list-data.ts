import { getPrisma } from '@/prisma/client';

export interface ForbiddenListForm {
  id?: string;
  name: string;
  description: string | null;
  entries: { kind: 'exact' | 'prefix'; pattern: string; label: string | null }[];
}

export async function loadForbiddenList(organizationId: string, id: string): Promise<ForbiddenListForm | null> {
  const list = await getPrisma().forbiddenList.findFirst({
    where: { id, organizationId },
    include: { entries: { orderBy: { pattern: 'asc' } } },
  });
  if (!list) return null;
  return {
    id: list.id,
    name: list.name,
    description: list.description,
    entries: list.entries.map((e) => ({ kind: e.kind, pattern: e.pattern, label: e.label })),
  };
}

/** A new list, pre-filled with the usual French premium-rate prefixes. */
export const newForbiddenList: ForbiddenListForm = {
  name: '',
  description: null,
  entries: [
    { kind: 'prefix', pattern: '+3381', label: null },
    { kind: 'prefix', pattern: '+3389', label: null },
  ],
};
