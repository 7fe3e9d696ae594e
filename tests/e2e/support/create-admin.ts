// Test data for the browser tests: an organisation and a user who signs in with a password,
// written straight to the database the way better-auth stores credential accounts.
import { randomBytes, randomUUID } from 'node:crypto';
import { hashPassword } from '@/app/lib/auth/password';
import { createPrismaClient } from '@/prisma/client';

export interface TestUser {
  email: string;
  password: string;
  name: string;
  organizationId: string;
}

export async function createOrganizationWithUser(
  databaseUrl: string,
  options: { role?: 'admin' | 'supervisor' | 'agent'; locale?: string; name?: string } = {},
): Promise<TestUser> {
  const prisma = createPrismaClient(databaseUrl);
  try {
    const suffix = randomBytes(4).toString('hex');
    const organization = await prisma.organization.create({ data: { name: `Test ${suffix}`, slug: `test-${suffix}` } });
    const userId = randomUUID();
    const email = `admin-${suffix}@example.test`;
    const password = `pw-${randomBytes(9).toString('base64url')}`;
    const name = options.name ?? 'Camille Martin';
    await prisma.user.create({
      data: {
        id: userId,
        name,
        email,
        emailVerified: true,
        organizationId: organization.id,
        role: options.role ?? 'admin',
        locale: options.locale ?? 'fr',
        accounts: {
          create: { id: randomUUID(), accountId: userId, providerId: 'credential', password: await hashPassword(password) },
        },
      },
    });
    return { email, password, name, organizationId: organization.id };
  } finally {
    await prisma.$disconnect();
  }
}
