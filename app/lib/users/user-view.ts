// What the API returns for a user (team member): never a password hash, sessions or tokens.
import { notFound } from '@/app/lib/api/errors';
import type { Db } from '@/app/lib/db/transaction';
import type { Role, User } from '@/prisma/generated/client';

export interface UserView {
  id: string;
  email: string;
  name: string;
  role: Role;
  locale: string;
  createdAt: Date;
}

export function toUserView(user: User): UserView {
  return { id: user.id, email: user.email, name: user.name, role: user.role, locale: user.locale, createdAt: user.createdAt };
}

/** A user of the organisation; another organisation's user is reported as missing (404). */
export async function findUser(db: Db, organizationId: string, id: string): Promise<User> {
  const user = await db.user.findFirst({ where: { id, organizationId } });
  if (!user) throw notFound('User', id);
  return user;
}
