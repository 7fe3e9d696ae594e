// Arranging data directly in the database: organisations and users of each role, created the
// way the product creates them (createUserWithPassword), so they can sign in over HTTP.
import { randomBytes } from 'node:crypto';
import type { PrismaClient, Role } from '@/prisma/generated/client';
import { createUserWithPassword } from '@/app/lib/users/create-user';

export interface TestOrganization {
  id: string;
  name: string;
  slug: string;
}

export interface TestUser {
  id: string;
  email: string;
  password: string;
  role: Role;
  organizationId: string;
}

const unique = () => randomBytes(4).toString('hex');

export async function createOrganization(prisma: PrismaClient, name = 'Org'): Promise<TestOrganization> {
  const suffix = unique();
  return prisma.organization.create({ data: { name: `${name} ${suffix}`, slug: `test-${suffix}` } });
}

export async function createUser(prisma: PrismaClient, organizationId: string, role: Role, locale = 'en'): Promise<TestUser> {
  const email = `${role}-${unique()}@test.relais.local`;
  const password = `pw-${randomBytes(9).toString('base64url')}`;
  const user = await createUserWithPassword(prisma, { organizationId, email, name: `Test ${role}`, role, password, locale });
  return { id: user.id, email, password, role, organizationId };
}

/** An organisation with one user of each role. */
export async function createOrganizationWithUsers(prisma: PrismaClient, name = 'Org') {
  const organization = await createOrganization(prisma, name);
  const [admin, supervisor, agent] = await Promise.all(
    (['admin', 'supervisor', 'agent'] as const).map((role) => createUser(prisma, organization.id, role)),
  );
  return { organization, admin, supervisor, agent };
}
