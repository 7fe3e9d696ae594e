// POST /api/contacts/import?commit=true&skipInvalid=true with the CSV file as the body
// (Content-Type text/csv). Without commit: a preview, nothing written. See app/lib/contacts/import-contacts.ts.
import { ApiError } from '@/app/lib/api/errors';
import { withApi } from '@/app/lib/api/handler';
import { CONTACT_EDITORS } from '@/app/lib/auth/roles';
import { importContacts, readLimitedBody } from '@/app/lib/contacts/import-contacts';

export const dynamic = 'force-dynamic';

const ACCEPTED = /^(text\/csv|text\/plain|application\/csv|application\/vnd\.ms-excel|application\/octet-stream)\b/i;

export const POST = withApi({ roles: CONTACT_EDITORS }, async (req, { user }) => {
  const type = req.headers.get('content-type') ?? '';
  if (!ACCEPTED.test(type)) throw new ApiError('UNSUPPORTED_MEDIA_TYPE', `Send the CSV file itself as the body with Content-Type text/csv (got "${type || 'none'}")`, { details: { code: 'import.notCsv' } });
  const url = new URL(req.url);
  const flag = (name: string) => url.searchParams.get(name) === 'true' || url.searchParams.get(name) === '1';
  return importContacts(user, await readLimitedBody(req), { commit: flag('commit'), skipInvalid: flag('skipInvalid') });
});
