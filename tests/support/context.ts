// What an API test needs: the server's URL and a Prisma client on the test database.
import { inject } from 'vitest';
import { createPrismaClient, type PrismaClient } from '@/prisma/client';

export function baseUrl(): string {
  return inject('baseUrl');
}

let prisma: PrismaClient | undefined;

/** A client on the same database as the server under test (for arranging and checking). */
export function testPrisma(): PrismaClient {
  prisma ??= createPrismaClient(inject('databaseUrl'));
  return prisma;
}
