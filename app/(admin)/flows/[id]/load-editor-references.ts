// The organisation's objects the flow canvas names (pickers and reference checks): shared by
// the editor page and a version's page.
import type { ReferenceOptions } from '@/app/flow-editor/store';
import { getPrisma } from '@/prisma/client';

export async function loadEditorReferences(organizationId: string): Promise<ReferenceOptions> {
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
