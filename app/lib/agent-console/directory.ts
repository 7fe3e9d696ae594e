// GET /api/directory (C3): agents, groups, flows and contacts of the caller's organisation matching
// a query (accent- and case-insensitive, every word; numbers match by digits), with each agent's
// availability and each group's available members. Every role may search it (agents transfer to
// colleagues); nothing of another organisation is ever read.
import type { Db } from '@/app/lib/db/transaction';
import { agentAvailability, type Availability } from './agent-availability';
import { matchesQuery } from './search-text';

export type DirectoryKind = 'agent' | 'group' | 'flow' | 'contact';
export const DIRECTORY_KINDS: readonly DirectoryKind[] = ['agent', 'group', 'flow', 'contact'];

export interface DirectoryEntry {
  kind: DirectoryKind;
  id: string;
  name: string;
  detail: string | null;
  availability: Availability | null;
  availableCount?: number;
}

/** At most this many entries of each kind. */
const PER_KIND = 25;

export async function searchDirectory(db: Db, organizationId: string, query: string, kinds: readonly DirectoryKind[]): Promise<DirectoryEntry[]> {
  const want = new Set(kinds);
  const out: DirectoryEntry[] = [];
  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, 'fr');
  const [agents, groups, flows, contacts] = await Promise.all([
    want.has('agent') || want.has('group') ? db.agent.findMany({ where: { organizationId }, select: { id: true, name: true, extension: true } }) : [],
    want.has('group') ? db.queueGroup.findMany({ where: { organizationId }, select: { id: true, name: true, members: { select: { agentId: true } } } }) : [],
    want.has('flow') ? db.flow.findMany({ where: { organizationId, deletedAt: null }, select: { id: true, name: true, description: true } }) : [],
    want.has('contact')
      ? db.contact.findMany({ where: { organizationId }, select: { id: true, name: true, company: true, numbers: { orderBy: { position: 'asc' }, select: { number: true } } }, orderBy: [{ name: 'asc' }, { id: 'asc' }], take: 5000 })
      : [],
  ]);
  const matchedAgents = want.has('agent') ? agents.filter((a) => matchesQuery(query, [a.name, a.extension])).sort(byName).slice(0, PER_KIND) : [];
  const matchedGroups = groups.filter((g) => matchesQuery(query, [g.name])).sort(byName).slice(0, PER_KIND);
  const needed = new Set([...matchedAgents.map((a) => a.id), ...matchedGroups.flatMap((g) => g.members.map((m) => m.agentId))]);
  const availability = await agentAvailability(db, organizationId, [...needed]);
  for (const a of matchedAgents) out.push({ kind: 'agent', id: a.id, name: a.name, detail: a.extension, availability: availability.get(a.id) ?? 'offline' });
  for (const g of matchedGroups) {
    const availableCount = g.members.filter((m) => availability.get(m.agentId) === 'available').length;
    out.push({ kind: 'group', id: g.id, name: g.name, detail: null, availability: null, availableCount });
  }
  for (const f of flows.filter((f) => matchesQuery(query, [f.name, f.description])).sort(byName).slice(0, PER_KIND)) {
    out.push({ kind: 'flow', id: f.id, name: f.name, detail: f.description, availability: null });
  }
  let contactCount = 0;
  for (const c of contacts) {
    if (contactCount >= PER_KIND) break;
    if (!matchesQuery(query, [c.name, c.company, ...c.numbers.map((n) => n.number)])) continue;
    contactCount++;
    const detail = [c.company, c.numbers[0]?.number].filter(Boolean).join(' · ') || null;
    out.push({ kind: 'contact', id: c.id, name: c.name, detail, availability: null });
  }
  return out;
}
