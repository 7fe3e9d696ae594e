import type { CurrentUser } from '@/app/lib/auth/current-user';
import { notAvailable } from '@/app/lib/api/errors';
import { assertStrongPassword } from '@/app/lib/auth/password-strength';
import { recordAudit } from '@/app/lib/audit/record-audit';
import { inTransaction } from '@/app/lib/db/transaction';
import type { Role } from '@/prisma/generated/client';
import { createUserWithPassword } from './create-user';
import { generatePassword } from './generate-password';
import { toUserView, type UserView } from './user-view';

export interface UserCreateInput {
  email: string;
  name: string;
  role: Role;
  password?: string;
  locale?: 'fr' | 'en';
}

/**
 * An admin adds a team member to their organisation; they can sign in at once. Without a
 * password one is generated and returned (`password`) this once only; it is never stored in clear.
 */
export async function createUserAccount(
  admin: Pick<CurrentUser, 'id' | 'organizationId'>,
  input: UserCreateInput,
): Promise<UserView & { password?: string }> {
  const email = input.email.trim().toLowerCase();
  const generated = input.password === undefined ? generatePassword() : undefined;
  // A chosen password must be hard to guess (a generated one has 96 random bits).
  if (input.password !== undefined) await assertStrongPassword(input.password, '/password', [email, input.name]);
  return inTransaction(async (tx) => {
    // Emails are unique across Relais (sign-in is by email only): the same neutral answer
    // whether the holder is in this organisation or another.
    if (await tx.user.findUnique({ where: { email }, select: { id: true } })) throw notAvailable('email');
    const user = await createUserWithPassword(tx, {
      organizationId: admin.organizationId,
      email,
      name: input.name.trim(),
      role: input.role,
      password: input.password ?? generated!,
      locale: input.locale,
    });
    await recordAudit(tx, admin, { action: 'create', entityType: 'user', entityId: user.id, details: { email, name: user.name, role: user.role } });
    return { ...toUserView(user), ...(generated ? { password: generated } : {}) };
  });
}
