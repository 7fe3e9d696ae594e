import { getPrisma } from '@/prisma/client';
import { DEFAULT_TIMEZONE } from './stats-period';

/** The organisation's time zone (Organization.timezone), Europe/Paris when unset. */
export async function organizationTimezone(organizationId: string): Promise<string> {
  const org = await getPrisma().organization.findUnique({ where: { id: organizationId }, select: { timezone: true } });
  return org?.timezone || DEFAULT_TIMEZONE;
}
