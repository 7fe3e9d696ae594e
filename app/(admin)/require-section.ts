// Every admin page starts here: the signed-in user (or /sign-in), whether they may change
// things in the section, and — when their role may not open it — the "Access denied" page
// rendered in place (app/components/access-denied.tsx) instead of a redirect.
import { requireUser } from '@/app/lib/auth/require-user';
import { accessDeniedError } from '@/app/components/access-denied';
import { canEdit, canView, type SectionKey } from '@/app/components/sections';

export async function requireSection(key: SectionKey) {
  const user = await requireUser();
  if (!canView(user.role, key)) throw accessDeniedError();
  return { user, editable: canEdit(user.role, key) };
}
