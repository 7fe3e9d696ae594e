// The call history: every call of the organisation, newest first, filtered by period, number,
// flow, group, agent, outcome and caller (all kept in the URL: a plain GET form), one page at a
// time by cursor, with a CSV export of the whole filtered set. The list is listCalls, as the API.
import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { ApiError } from '@/app/lib/api/errors';
import { listCalls, type CallHistoryPage } from '@/app/lib/calls/call-history';
import { CALL_HISTORY_PARAMS, parseCallHistoryQuery, type CallHistoryQuery } from '@/app/lib/calls/call-history-query';
import { organizationTimeZone } from '@/app/lib/calls/organization-time-zone';
import { getPrisma } from '@/prisma/client';
import { requireSection } from '../require-section';
import { CallFilters, type FilterOptions } from './call-filters';
import { CallsTable } from './calls-table';

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('callHistory'))('title') };
}

export default async function CallsPage({ searchParams }: Props) {
  const { user } = await requireSection('calls');
  const raw = await searchParams;
  const one = (key: string) => (typeof raw[key] === 'string' ? (raw[key] as string) : '');
  const values: Record<string, string> = Object.fromEntries(CALL_HISTORY_PARAMS.map((k) => [k, one(k)]));
  const prisma = getPrisma();
  const timeZone = await organizationTimeZone(prisma, user.organizationId);

  // A stale or hand-edited link shows what it can: a bad filter is named and left out, an
  // unknown cursor shows the first page.
  let filterError: string | null = null;
  let parsed: CallHistoryQuery = { filters: {}, page: {} };
  try {
    parsed = parseCallHistoryQuery(new URLSearchParams({ ...values, cursor: one('cursor') }), timeZone);
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    if (err.path !== '/cursor') filterError = err.path?.slice(1) ?? '';
    else parsed = parseCallHistoryQuery(new URLSearchParams(values), timeZone);
  }
  let page: CallHistoryPage;
  try {
    page = await listCalls(prisma, user.organizationId, parsed.filters, parsed.page);
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    page = await listCalls(prisma, user.organizationId, parsed.filters, {});
  }

  const org = { organizationId: user.organizationId };
  const [numbers, flows, groups, agents] = await Promise.all([
    prisma.phoneNumber.findMany({ where: org, select: { e164: true, label: true }, orderBy: { e164: 'asc' } }),
    prisma.flow.findMany({ where: { ...org, deletedAt: null }, select: { id: true, name: true }, orderBy: { name: 'asc' } }),
    prisma.queueGroup.findMany({ where: org, select: { id: true, name: true }, orderBy: { name: 'asc' } }),
    prisma.agent.findMany({ where: org, select: { id: true, name: true }, orderBy: { name: 'asc' } }),
  ]);
  const options: FilterOptions = { numbers: numbers.map((n) => ({ value: n.e164, label: n.label ? `${n.e164} (${n.label})` : n.e164 })), flows, groups, agents };

  return (
    <>
      <CallFilters values={values} options={options} error={filterError} />
      <CallsTable rows={page.items} values={filterError ? {} : values} nextCursor={page.nextCursor} isFirstPage={!one('cursor')} timeZone={timeZone} />
    </>
  );
}
