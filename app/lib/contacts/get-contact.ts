import type { CurrentUser } from '@/app/lib/auth/current-user';
import { getPrisma } from '@/prisma/client';
import { loadContactView, type ContactView } from './contact-view';

export function getContact(user: Pick<CurrentUser, 'organizationId'>, id: string): Promise<ContactView> {
  return loadContactView(getPrisma(), user.organizationId, id);
}
