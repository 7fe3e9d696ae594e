// Who is calling: the better-auth session cookie, or `Authorization: Bearer <api token>`.
// Used by the API wrapper (app/lib/api/handler.ts) and by pages (./require-user.ts).
import { getPrisma } from '@/prisma/client';
import type { Role } from '@/prisma/generated/client';
import { hashTokenSecret } from '@/app/lib/api-tokens/token-secret';
import { getAuth } from './auth';

export type UserRole = Role;
export const ROLES: readonly UserRole[] = ['admin', 'supervisor', 'agent'];

export interface CurrentUser {
  id: string;
  email: string;
  name: string;
  role: UserRole;
  organizationId: string;
  locale: string;
  /** The password was generated (first admin): pages send them to /change-password until they choose one. */
  mustChangePassword: boolean;
  /** How the caller authenticated. */
  via: 'session' | 'token';
}

export async function getCurrentUser(headers: Headers): Promise<CurrentUser | null> {
  const authorization = headers.get('authorization');
  if (authorization && /^bearer\s+/i.test(authorization)) {
    return userFromApiToken(authorization.replace(/^bearer\s+/i, '').trim());
  }
  const session = await getAuth().api.getSession({ headers });
  if (!session) return null;
  // Read role and organisation from the database, not the session cache, so a role change
  // applies at once.
  const user = await getPrisma().user.findUnique({ where: { id: session.user.id } });
  return user ? toCurrentUser(user, 'session') : null;
}

async function userFromApiToken(secret: string): Promise<CurrentUser | null> {
  if (!secret) return null;
  const prisma = getPrisma();
  const token = await prisma.apiToken.findUnique({ where: { tokenHash: hashTokenSecret(secret) }, include: { user: true } });
  if (!token) return null;
  if (token.expiresAt && token.expiresAt.getTime() <= Date.now()) return null;
  if (token.user.organizationId !== token.organizationId) return null;
  // Best effort: a failed bookkeeping write must not fail the request.
  void prisma.apiToken.update({ where: { id: token.id }, data: { lastUsedAt: new Date() } }).catch(() => undefined);
  return toCurrentUser(token.user, 'token');
}

function toCurrentUser(
  user: { id: string; email: string; name: string; role: Role; organizationId: string; locale: string; mustChangePassword: boolean },
  via: CurrentUser['via'],
): CurrentUser {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    organizationId: user.organizationId,
    locale: user.locale,
    mustChangePassword: user.mustChangePassword,
    via,
  };
}

export function hasRole(user: Pick<CurrentUser, 'role'>, roles?: readonly UserRole[]): boolean {
  return !roles || roles.length === 0 || roles.includes(user.role);
}
