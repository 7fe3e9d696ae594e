// Creates a user who can sign in with email + password, exactly as better-auth expects:
// a `user` row and a `credential` account (accountId = userId, password = argon2id hash).
// Public sign-up is disabled, so this is how admins, the seed and the tests create users.
import { randomUUID } from 'node:crypto';
import type { PrismaClient, Role, User } from '@/prisma/generated/client';
import { hashPassword } from '@/app/lib/auth/password';
import type { Tx } from '@/app/lib/db/transaction';

export interface CreateUserInput {
  organizationId: string;
  email: string;
  name: string;
  role: Role;
  password: string;
  locale?: string;
  /** Ask them to choose their own password at their next sign-in (a generated one). */
  mustChangePassword?: boolean;
}

export async function createUserWithPassword(prisma: PrismaClient | Tx, input: CreateUserInput): Promise<User> {
  const id = randomUUID();
  const password = await hashPassword(input.password);
  const run = async (tx: PrismaClient | Tx) => {
    const user = await tx.user.create({
      data: {
        id,
        organizationId: input.organizationId,
        email: input.email.trim().toLowerCase(),
        name: input.name,
        role: input.role,
        locale: input.locale ?? 'fr',
        emailVerified: true,
        mustChangePassword: input.mustChangePassword ?? false,
      },
    });
    await tx.account.create({
      data: { id: randomUUID(), userId: id, accountId: id, providerId: 'credential', password },
    });
    return user;
  };
  // Inside a caller's transaction, join it; otherwise open one so no user exists without its credential.
  return '$transaction' in prisma ? (prisma as PrismaClient).$transaction((tx) => run(tx)) : run(prisma);
}
