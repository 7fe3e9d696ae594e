import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { requireSection } from '../../require-section';
import { loadCalendar, timeZones } from '../calendar-data';
import { CalendarEditor } from '../calendar-editor';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('calendars'))('editTitle') };
}

export default async function CalendarPage({ params }: { params: Promise<{ id: string }> }) {
  const { user, editable } = await requireSection('calendars');
  const calendar = await loadCalendar(user.organizationId, (await params).id);
  if (!calendar) notFound();
  return <CalendarEditor initial={calendar} timeZones={timeZones()} editable={editable} />;
}
