// Public holidays per country code, computed per year. French ones are built in; others are
// added with registerPublicHolidays(code, (year) => ['YYYY-MM-DD', …]).
import { DateTime } from 'luxon';

type HolidayRule = (year: number) => string[];

/** Easter Sunday of a Gregorian year (anonymous Gregorian algorithm). */
export function easterSunday(year: number): { month: number; day: number } {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return { month, day };
}

function easterOffset(year: number, days: number): string {
  const { month, day } = easterSunday(year);
  return DateTime.utc(year, month, day).plus({ days }).toISODate() as string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const fixed = (year: number, md: Array<[number, number]>) => md.map(([m, d]) => `${year}-${pad(m)}-${pad(d)}`);

const france: HolidayRule = (year) => [
  ...fixed(year, [
    [1, 1], // Jour de l'an
    [5, 1], // Fête du travail
    [5, 8], // Victoire 1945
    [7, 14], // Fête nationale
    [8, 15], // Assomption
    [11, 1], // Toussaint
    [11, 11], // Armistice
    [12, 25], // Noël
  ]),
  easterOffset(year, 1), // Lundi de Pâques
  easterOffset(year, 39), // Ascension
  easterOffset(year, 50), // Lundi de Pentecôte
];

const RULES = new Map<string, HolidayRule>([
  ['FR', france],
  // Alsace-Moselle: Good Friday and St Stephen's day as well.
  ['FR-57', (year) => [...france(year), easterOffset(year, -2), `${year}-12-26`]],
]);

const cache = new Map<string, ReadonlySet<string>>();

/** Adds (or replaces) the public holidays of a country code. */
export function registerPublicHolidays(code: string, rule: HolidayRule): void {
  RULES.set(code, rule);
  for (const key of cache.keys()) if (key.startsWith(`${code}:`)) cache.delete(key);
}

/** Dates (YYYY-MM-DD) of the public holidays of `code` in `year`; empty for an unknown code. */
export function publicHolidays(code: string, year: number): ReadonlySet<string> {
  const key = `${code}:${year}`;
  let set = cache.get(key);
  if (!set) {
    set = new Set(RULES.get(code)?.(year) ?? []);
    cache.set(key, set);
  }
  return set;
}
