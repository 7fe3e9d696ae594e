// Statistics: the figures of a period and of a comparison period per number, flow, group or
// agent, with charts (recharts), the heat map and the CSV export. The selection lives in the
// URL; the report is computed here with the function GET /api/stats uses.
import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { computeStats } from '@/app/lib/stats/compute-stats';
import { organizationTimezone } from '@/app/lib/stats/organization-timezone';
import { getPrisma } from '@/prisma/client';
import { requireSection } from '../require-section';
import { StatsView } from './stats-view';
import { apiQuery, readSelection, type StatsSearchParams } from './stats-selection';

type Props = { searchParams: Promise<StatsSearchParams> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('stats'))('title') };
}

export default async function StatsPage({ searchParams }: Props) {
  const { user } = await requireSection('stats');
  const tz = await organizationTimezone(user.organizationId);
  const selection = readSelection(await searchParams, new Date(), tz);
  const report = await computeStats(getPrisma(), user.organizationId, { period: selection.period, comparison: selection.comparison, by: selection.by, tz });
  return <StatsView report={report} selection={selection} csvHref={`/api/stats/export.csv?${apiQuery(selection)}`} />;
}
