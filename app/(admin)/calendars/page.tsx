import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { getPrisma } from '@/prisma/client';
import { requireSection } from '../require-section';
import { CalendarsList } from './calendars-list';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('calendars'))('title') };
}

export default async function CalendarsPage() {
  const { user, editable } = await requireSection('calendars');
  const calendars = await getPrisma().calendar.findMany({
    where: { organizationId: user.organizationId },
    orderBy: { name: 'asc' },
    select: { id: true, name: true, timezone: true, holidayCountry: true, _count: { select: { ranges: true, exceptions: true } } },
  });
  return (
    <CalendarsList
      editable={editable}
      calendars={calendars.map((c) => ({
        id: c.id,
        name: c.name,
        timezone: c.timezone,
        holidayCountry: c.holidayCountry,
        rangeCount: c._count.ranges,
        exceptionCount: c._count.exceptions,
      }))}
    />
  );
}
