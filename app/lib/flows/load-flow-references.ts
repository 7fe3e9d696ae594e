// The organisation's ids for exactly the references a flow document names, so validateFlow
// can report references to objects that do not exist (or belong to another organisation).
import { listFlowReferences, type ReferenceSets } from '@/schemas';
import type { Db } from '@/app/lib/db/transaction';

export async function loadFlowReferences(db: Db, organizationId: string, document: unknown): Promise<ReferenceSets> {
  const refs = listFlowReferences(document);
  const where = (ids: string[]) => ({ organizationId, id: { in: ids } });
  const select = { id: true } as const;
  const ids = (rows: { id: string }[]) => rows.map((r) => r.id);
  const [sounds, groups, calendars, numbers, flows, agents, forbiddenLists] = await Promise.all([
    refs.sounds.length ? db.sound.findMany({ where: where(refs.sounds), select }) : [],
    refs.groups.length ? db.queueGroup.findMany({ where: where(refs.groups), select }) : [],
    refs.calendars.length ? db.calendar.findMany({ where: where(refs.calendars), select }) : [],
    refs.numbers.length ? db.phoneNumber.findMany({ where: where(refs.numbers), select }) : [],
    refs.flows.length ? db.flow.findMany({ where: { ...where(refs.flows), deletedAt: null }, select }) : [],
    refs.agents.length ? db.agent.findMany({ where: where(refs.agents), select }) : [],
    refs.forbiddenLists.length ? db.forbiddenList.findMany({ where: where(refs.forbiddenLists), select }) : [],
  ]);
  return {
    sounds: ids(sounds),
    groups: ids(groups),
    calendars: ids(calendars),
    numbers: ids(numbers),
    flows: ids(flows),
    agents: ids(agents),
    forbiddenLists: ids(forbiddenLists),
  };
}
