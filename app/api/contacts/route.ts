import { json, withApi } from '@/app/lib/api/handler';
import { validateBody } from '@/app/lib/api/validate-body';
import { CONTACT_EDITORS } from '@/app/lib/auth/roles';
import type { ContactInput } from '@/app/lib/contacts/contact-input';
import { createContact } from '@/app/lib/contacts/create-contact';
import { contactsQueryOf, listContacts } from '@/app/lib/contacts/list-contacts';

export const dynamic = 'force-dynamic';

export const GET = withApi({}, async (req, { user }) => listContacts(user, contactsQueryOf(new URL(req.url))));

export const POST = withApi({ roles: CONTACT_EDITORS }, async (req, { user }) =>
  json(await createContact(user, await validateBody<ContactInput>(req, 'ContactInput')), 201),
);
