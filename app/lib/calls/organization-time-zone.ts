import type { Db } from '@/app/lib/db/transaction';

/** The organisation's IANA time zone (days of the call history's period are read in it). */
export async function organizationTimeZone(db: Db, organizationId: string): Promise<string> {
  const org = await db.organization.findUnique({ where: { id: organizationId }, select: { timezone: true } });
  return org?.timezone ?? 'Europe/Paris';
}
