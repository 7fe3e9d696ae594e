// The directory, by name, one page at a time (keyset on name, id), optionally searched:
// a number-like text ("06 12", "+33 6 12 34 56 78", "0033612…") matches the beginning of the
// stored canonical form, so any spelling finds any other; bare digits ("5678") match anywhere
// in it; other text matches name, company or email (case-insensitive). Used by GET /api/contacts,
// the admin page, and later the agent console.
import { ApiError } from '@/app/lib/api/errors';
import type { CurrentUser } from '@/app/lib/auth/current-user';
import type { Db } from '@/app/lib/db/transaction';
import { numberSearch } from '@/flow-runtime/contacts/contact-number';
import { getPrisma } from '@/prisma/client';
import type { Prisma } from '@/prisma/generated/client';
import { homeCountryCode } from './contact-input';
import { contactInclude, toContactView, type ContactView } from './contact-view';

export interface ListContactsQuery {
  q?: string;
  cursor?: string;
  /** 1 to 200, default 50. */
  limit?: number;
}

export interface ContactPage {
  contacts: ContactView[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

export const CONTACT_PAGE_SIZE = 50;
const MAX_QUERY = 200;

export function searchFilter(q: string): Prisma.ContactWhereInput | null {
  const text = q.trim();
  if (!text) return null;
  if (text.length > MAX_QUERY) throw new ApiError('VALIDATION_FAILED', `q is longer than ${MAX_QUERY} characters`, { path: '/q' });
  const byNumber = numberSearch(text, homeCountryCode());
  if (byNumber) return { numbers: { some: { canonical: byNumber } } };
  const contains = { contains: text, mode: 'insensitive' as const };
  return { OR: [{ name: contains }, { company: contains }, { email: contains }] };
}

export async function listContacts(user: Pick<CurrentUser, 'organizationId'>, query: ListContactsQuery = {}, db: Db = getPrisma()): Promise<ContactPage> {
  const limit = query.limit ?? CONTACT_PAGE_SIZE;
  if (!Number.isInteger(limit) || limit < 1 || limit > 200) {
    throw new ApiError('VALIDATION_FAILED', 'limit must be an integer from 1 to 200', { path: '/limit' });
  }
  const filters: Prisma.ContactWhereInput[] = [{ organizationId: user.organizationId }];
  const search = searchFilter(query.q ?? '');
  if (search) filters.push(search);
  if (query.cursor) {
    const cursor = await db.contact.findFirst({ where: { id: query.cursor, organizationId: user.organizationId }, select: { id: true, name: true } });
    if (!cursor) throw new ApiError('VALIDATION_FAILED', 'cursor is unknown; use the nextCursor of the previous page', { path: '/cursor' });
    filters.push({ OR: [{ name: { gt: cursor.name } }, { name: cursor.name, id: { gt: cursor.id } }] });
  }
  const rows = await db.contact.findMany({ where: { AND: filters }, include: contactInclude, orderBy: [{ name: 'asc' }, { id: 'asc' }], take: limit + 1 });
  const page = rows.slice(0, limit);
  return { contacts: page.map(toContactView), nextCursor: rows.length > limit ? page[page.length - 1].id : null };
}

/** ?q=&cursor=&limit= of a request URL. */
export function contactsQueryOf(url: URL): ListContactsQuery {
  const limit = url.searchParams.get('limit');
  if (limit !== null && !/^[0-9]{1,4}$/.test(limit)) throw new ApiError('VALIDATION_FAILED', 'limit must be an integer from 1 to 200', { path: '/limit' });
  return { q: url.searchParams.get('q') ?? undefined, cursor: url.searchParams.get('cursor') || undefined, limit: limit === null ? undefined : Number(limit) };
}
