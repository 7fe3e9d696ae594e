import { noContent, withApi } from '@/app/lib/api/handler';
import { validateBody } from '@/app/lib/api/validate-body';
import { CONTACT_EDITORS } from '@/app/lib/auth/roles';
import type { ContactInput } from '@/app/lib/contacts/contact-input';
import { deleteContact } from '@/app/lib/contacts/delete-contact';
import { getContact } from '@/app/lib/contacts/get-contact';
import { updateContact } from '@/app/lib/contacts/update-contact';

export const dynamic = 'force-dynamic';
type P = { id: string };

export const GET = withApi<P>({}, async (_req, { user, params }) => getContact(user, params.id));

export const PATCH = withApi<P>({ roles: CONTACT_EDITORS }, async (req, { user, params }) =>
  updateContact(user, params.id, await validateBody<Partial<ContactInput>>(req, 'ContactPatch')),
);

export const DELETE = withApi<P>({ roles: CONTACT_EDITORS }, async (_req, { user, params }) => {
  await deleteContact(user, params.id);
  return noContent();
});
