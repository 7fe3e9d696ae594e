// Every admin page starts here: the signed-in user (or /sign-in), sent back to the flows list
// when their role may not open the section, and whether they may change things in it.
import { redirect } from 'next/navigation';
import { requireUser } from '@/app/lib/auth/require-user';
import { canEdit, canView, type SectionKey } from '@/app/components/sections';

export async function requireSection(key: SectionKey) {
  const user = await requireUser();
  if (!canView(user.role, key)) redirect('/flows?forbidden=1');
  return { user, editable: canEdit(user.role, key) };
}
