// Rings a group target of a cold transfer (targets.ts resolved its available members, in group
// order, with their ring times): simultaneous → every contact of every member at once for the
// group's ring time, the first to answer wins (ring.ts forks); cascade → one member after the
// other, each for their own ring time, skipping whoever stopped being available meanwhile.
import type { RingDest } from './ring';
import type { Destination } from './targets';

type GroupDest = Extract<Destination, { kind: 'group' }>;
export type RingOutcome = { ok: true } | { ok: false; status: number };

export async function ringGroup(
  group: GroupDest,
  ringOne: (dest: RingDest, suffix: string, ringMs: number) => Promise<RingOutcome>,
  opts: { isAvailable(agentId: string): Promise<boolean>; callerGone(): boolean },
): Promise<RingOutcome> {
  if (group.members.length === 0) return { ok: false, status: 480 };
  if (group.strategy === 'simultaneous') return ringOne({ agentIds: group.members.map((m) => m.agentId) }, '', group.ringMs);
  let statuses: number[] = [];
  for (const [i, member] of group.members.entries()) {
    if (opts.callerGone()) return { ok: false, status: 487 };
    if (!(await opts.isAvailable(member.agentId))) continue;
    const result = await ringOne({ agentId: member.agentId }, `.${i}`, member.ringMs);
    if (result.ok) return result;
    statuses = [...statuses, result.status];
  }
  // busy only when every member rung said so (as the queue-group step)
  const busy = statuses.length > 0 && statuses.every((s) => s === 486 || s === 600 || s === 603);
  return { ok: false, status: busy ? 486 : 480 };
}
