// Every write of the API runs in one transaction, so a failure leaves nothing half-written.
import { getPrisma, type PrismaClient } from '@/prisma/client';

/** The client handed to a transaction callback. */
export type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];
/** Either the root client or a transaction: read helpers accept both. */
export type Db = PrismaClient | Tx;

export function inTransaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  return getPrisma().$transaction(fn, { maxWait: 10_000, timeout: 30_000 });
}
