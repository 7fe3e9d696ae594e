// For server components and pages: the signed-in user, or a redirect (to /sign-in; to
// /change-password while the user must replace a generated password — pages only: the API
// keeps answering, for API tokens and scripts).
//   const user = await requireUser();                          // any role
//   const user = await requireUser({ roles: ['admin'] });      // others are sent away
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { getCurrentUser, hasRole, type CurrentUser, type UserRole } from './current-user';

export interface RequireUserOptions {
  roles?: readonly UserRole[];
  /** Where a signed-in user without the role goes (default `/?forbidden=1`, which the shell can show as a notice). */
  forbiddenRedirect?: string;
}

/** Where a signed-in user whose password was generated (the first admin) is sent from every page. */
export const CHANGE_PASSWORD_PATH = '/change-password';

export async function requireUser(options: RequireUserOptions = {}): Promise<CurrentUser> {
  const user = await getCurrentUser(await headers());
  if (!user) redirect('/sign-in');
  if (user.mustChangePassword) redirect(CHANGE_PASSWORD_PATH);
  if (!hasRole(user, options.roles)) redirect(options.forbiddenRedirect ?? '/?forbidden=1');
  return user;
}

/** Like requireUser, but lets the page render its own 403 state instead of redirecting. */
export async function getPageUser(options: { roles?: readonly UserRole[] } = {}): Promise<{ user: CurrentUser; allowed: boolean }> {
  const user = await getCurrentUser(await headers());
  if (!user) redirect('/sign-in');
  if (user.mustChangePassword) redirect(CHANGE_PASSWORD_PATH);
  return { user, allowed: hasRole(user, options.roles) };
}
