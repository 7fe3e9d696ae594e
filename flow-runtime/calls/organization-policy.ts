// The transfer policy made of every forbidden list of an organisation: what its agents' own
// outgoing calls obey (a phone's call to a number, internal-call/; a console call, originate/).
import type { PrismaClient } from '../../prisma/client';
import type { TransferPolicy } from '../interpreter';

export async function organizationPolicy(prisma: PrismaClient, organizationId: string, homeCountryCode: string): Promise<TransferPolicy> {
  const lists = await prisma.forbiddenList.findMany({ where: { organizationId }, include: { entries: true } });
  const patterns = lists.flatMap((l) => l.entries.map((e) => (e.kind === 'prefix' && !e.pattern.endsWith('*') ? `${e.pattern}*` : e.pattern)));
  return { allExternal: false, presets: [], patterns, homeCountryCode };
}
