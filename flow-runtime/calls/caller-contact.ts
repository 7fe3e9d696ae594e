// The caller's name in the organisation's contacts, for the live view (flow-runtime/live): the same
// match as contacts/findContactByNumber (canonical number, oldest contact, then lowest contact id,
// then position) in one plain statement on the client's pg pool (issue 18: this runs once per call;
// through Prisma it was two queries and about 2 ms of CPU).
import { sqlPool, type PrismaClient } from '../../prisma/client';
import { contactCanonical, findContactByNumber } from '../contacts';

export async function callerContactName(prisma: PrismaClient, organizationId: string, caller: string | null, home: string): Promise<string | null> {
  if (!caller) return null;
  const sql = sqlPool(prisma);
  if (!sql) return (await findContactByNumber(prisma, organizationId, caller, home))?.name ?? null;
  const canonical = contactCanonical(caller, home);
  if (!canonical) return null;
  const { rows } = await sql.query<{ name: string }>(
    `SELECT c."name" FROM "ContactNumber" n JOIN "Contact" c ON c."id" = n."contactId"
     WHERE n."organizationId" = $1 AND n."canonical" = $2 ORDER BY c."createdAt", n."contactId", n."position" LIMIT 1`,
    [organizationId, canonical],
  );
  return rows[0]?.name ?? null;
}
