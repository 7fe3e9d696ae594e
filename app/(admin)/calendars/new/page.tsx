import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { requireSection } from '../../require-section';
import { newCalendar, timeZones } from '../calendar-data';
import { CalendarEditor } from '../calendar-editor';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('calendars'))('createTitle') };
}

export default async function NewCalendarPage() {
  const { editable } = await requireSection('calendars');
  return <CalendarEditor initial={newCalendar} timeZones={timeZones()} editable={editable} />;
}
