'use client';
// Business hours: name, time zone, public holidays, weekly opening ranges per weekday and
// dated exceptions. Ranges are one flat list (as the API takes them) shown grouped by day, so
// an API error on /ranges/3/end lands on the right row.
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState, type CSSProperties } from 'react';
import { apiRequest } from '@/app/components/api-client';
import { ErrorAlert } from '@/app/components/error-alert';
import { Field } from '@/app/components/form-field';
import { PageHeader } from '@/app/components/page-header';
import { useApiAction } from '@/app/components/use-api-action';
import { useFieldErrors } from '@/app/components/use-field-errors';
import type { CalendarForm } from './calendar-data';

const weekdays = [1, 2, 3, 4, 5, 6, 7] as const;
const exceptionKinds = ['closed', 'open', 'holiday'] as const;
const holidayCountries = ['FR', 'BE', 'CH', 'LU', 'CA', 'GB', 'DE', 'ES', 'IT'];

export function CalendarEditor({ initial, timeZones, editable }: { initial: CalendarForm; timeZones: string[]; editable: boolean }) {
  const t = useTranslations('calendars');
  const tc = useTranslations('common');
  const router = useRouter();
  const [form, setForm] = useState(initial);
  const [saved, setSaved] = useState(false);
  const { pending, error, run } = useApiAction();
  const errorFor = useFieldErrors(error);
  const timeHint = t('timeHint');

  const update = (patch: Partial<CalendarForm>) => {
    setSaved(false);
    setForm((f) => ({ ...f, ...patch }));
  };
  const setRange = (index: number, patch: Partial<CalendarForm['ranges'][number]>) =>
    update({ ranges: form.ranges.map((r, i) => (i === index ? { ...r, ...patch } : r)) });
  const setException = (index: number, patch: Partial<CalendarForm['exceptions'][number]>) =>
    update({ exceptions: form.exceptions.map((e, i) => (i === index ? { ...e, ...patch } : e)) });

  async function save() {
    const body = {
      name: form.name.trim(),
      timezone: form.timezone,
      holidayCountry: form.holidayCountry || null,
      ranges: form.ranges,
      exceptions: form.exceptions.map((e) => ({
        date: e.date,
        kind: e.kind,
        label: e.label?.trim() || null,
        ...(e.kind === 'open' ? { ranges: e.ranges } : {}),
      })),
    };
    const ok = await run(() =>
      form.id ? apiRequest('PATCH', `/api/calendars/${form.id}`, body) : apiRequest('POST', '/api/calendars', body),
    );
    if (!ok) return;
    if (form.id) {
      setSaved(true);
      router.refresh();
    } else {
      router.push('/calendars');
      router.refresh();
    }
  }

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <p>
        <Link href="/calendars">← {t('back')}</Link>
      </p>
      <PageHeader title={form.id ? initial.name : t('createTitle')} intro={t('editorIntro')} />
      {!editable && <p className="alert">{tc('readOnly')}</p>}
      {saved && (
        <p className="alert success" role="status">
          {tc('saved')}
        </p>
      )}
      <ErrorAlert error={error} ignoreFields={['name', 'timezone', 'holidayCountry', 'ranges', 'exceptions']} />
      <fieldset disabled={!editable || pending} style={{ border: 0, padding: 0, margin: 0 }}>
        <section className="card">
          <div className="form-grid">
            <Field label={t('fields.name')} error={errorFor('name')}>
              <input type="text" name="name" value={form.name} onChange={(e) => update({ name: e.target.value })} />
            </Field>
            <Field label={t('fields.timezone')} error={errorFor('timezone')}>
              <select name="timezone" value={form.timezone} onChange={(e) => update({ timezone: e.target.value })}>
                {(timeZones.includes(form.timezone) ? timeZones : [form.timezone, ...timeZones]).map((zone) => (
                  <option key={zone} value={zone}>
                    {zone}
                  </option>
                ))}
              </select>
            </Field>
            <Field label={t('fields.holidayCountry')} hint={t('holidayHint')} error={errorFor('holidayCountry')}>
              <select name="holidayCountry" value={form.holidayCountry ?? ''} onChange={(e) => update({ holidayCountry: e.target.value || null })}>
                <option value="">{t('noHolidays')}</option>
                {holidayCountries.map((code) => (
                  <option key={code} value={code}>
                    {t(`countries.${code}` as 'countries.FR')}
                  </option>
                ))}
              </select>
            </Field>
          </div>
        </section>

        <section className="card" aria-labelledby="weekly-heading">
          <h2 id="weekly-heading">{t('weeklyTitle')}</h2>
          <p className="muted">{t('weeklyIntro')}</p>
          {weekdays.map((weekday) => {
            const dayName = t(`weekdays.${weekday}`);
            const rows = form.ranges.map((range, index) => ({ range, index })).filter(({ range }) => range.weekday === weekday);
            return (
              <div className="weekday-row" key={weekday} role="group" aria-label={dayName}>
                <strong>{dayName}</strong>
                <div className="range-list">
                  {rows.length === 0 && <span className="muted">{t('closedAllDay')}</span>}
                  {rows.map(({ range, index }) => {
                    const rangeError = errorFor(`ranges/${index}`, timeHint);
                    return (
                      <div key={index}>
                        <div className="range">
                          <label className="visually-hidden" htmlFor={`range-${index}-start`}>
                            {t('rangeStart', { day: dayName })}
                          </label>
                          <input
                            id={`range-${index}-start`}
                            type="time"
                            value={range.start}
                            aria-invalid={errorFor(`ranges/${index}/start`) ? true : undefined}
                            onChange={(e) => setRange(index, { start: e.target.value })}
                          />
                          <span aria-hidden="true">–</span>
                          <label className="visually-hidden" htmlFor={`range-${index}-end`}>
                            {t('rangeEnd', { day: dayName })}
                          </label>
                          <input
                            id={`range-${index}-end`}
                            type="time"
                            value={range.end === '24:00' ? '23:59' : range.end}
                            aria-invalid={errorFor(`ranges/${index}/end`) ? true : undefined}
                            onChange={(e) => setRange(index, { end: e.target.value })}
                          />
                          <button
                            type="button"
                            className="button small"
                            aria-label={t('removeRange', { day: dayName, start: range.start, end: range.end })}
                            onClick={() => update({ ranges: form.ranges.filter((_, i) => i !== index) })}
                          >
                            {tc('remove')}
                          </button>
                        </div>
                        {rangeError && (
                          <span className="field-error" role="alert">
                            {rangeError}
                          </span>
                        )}
                      </div>
                    );
                  })}
                  <div>
                    <button
                      type="button"
                      className="button link small"
                      onClick={() => {
                        const last = rows.at(-1)?.range;
                        const start = last ? last.end : '09:00';
                        update({ ranges: [...form.ranges, { weekday, start, end: start < '18:00' ? '18:00' : '23:59' }] });
                      }}
                    >
                      + {t('addRange', { day: dayName })}
                    </button>
                  </div>
                </div>
              </div>
            );
          })}
        </section>

        <section className="card" aria-labelledby="exceptions-heading">
          <h2 id="exceptions-heading">{t('exceptionsTitle')}</h2>
          <p className="muted">{t('exceptionsIntro')}</p>
          {form.exceptions.length === 0 && <p className="muted">{t('noExceptions')}</p>}
          {form.exceptions.map((exception, index) => (
            <div
              key={index}
              className="entry-row"
              style={
                {
                  '--entry-columns': `11rem 12rem ${exception.kind === 'open' ? 'auto ' : ''}minmax(10rem, 1fr) auto`,
                } as CSSProperties
              }
              role="group"
              aria-label={t('exceptionNumber', { number: index + 1 })}
            >
              <Field label={t('fields.date')} error={errorFor(`exceptions/${index}/date`, t('dateHint'))}>
                <input type="date" value={exception.date} onChange={(e) => setException(index, { date: e.target.value })} />
              </Field>
              <Field label={t('fields.kind')} error={errorFor(`exceptions/${index}/kind`)}>
                <select
                  value={exception.kind}
                  onChange={(e) => {
                    const kind = e.target.value as CalendarForm['exceptions'][number]['kind'];
                    setException(index, { kind, ranges: kind === 'open' && exception.ranges.length === 0 ? [{ start: '09:00', end: '12:00' }] : exception.ranges });
                  }}
                >
                  {exceptionKinds.map((kind) => (
                    <option key={kind} value={kind}>
                      {t(`exceptionKinds.${kind}`)}
                    </option>
                  ))}
                </select>
              </Field>
              {exception.kind === 'open' &&
                exception.ranges.map((range, r) => (
                  <Field key={r} label={t('openHours')} error={errorFor(`exceptions/${index}/ranges/${r}`, timeHint)}>
                    <span className="range">
                      <input
                        type="time"
                        aria-label={t('rangeStart', { day: exception.date })}
                        value={range.start}
                        onChange={(e) => setException(index, { ranges: exception.ranges.map((x, i) => (i === r ? { ...x, start: e.target.value } : x)) })}
                      />
                      <input
                        type="time"
                        aria-label={t('rangeEnd', { day: exception.date })}
                        value={range.end}
                        onChange={(e) => setException(index, { ranges: exception.ranges.map((x, i) => (i === r ? { ...x, end: e.target.value } : x)) })}
                      />
                    </span>
                  </Field>
                ))}
              <Field label={t('fields.label')} error={errorFor(`exceptions/${index}/label`)}>
                <input type="text" value={exception.label ?? ''} onChange={(e) => setException(index, { label: e.target.value })} />
              </Field>
              <div className="field">
                <span className="label" aria-hidden="true">
                  &nbsp;
                </span>
                <button
                  type="button"
                  className="button small"
                  aria-label={t('removeException', { date: exception.date || String(index + 1) })}
                  onClick={() => update({ exceptions: form.exceptions.filter((_, i) => i !== index) })}
                >
                  {tc('remove')}
                </button>
              </div>
            </div>
          ))}
          <button
            type="button"
            className="button small"
            onClick={() => update({ exceptions: [...form.exceptions, { date: '', kind: 'closed', label: null, ranges: [] }] })}
          >
            + {t('addException')}
          </button>
        </section>

        {editable && (
          <div className="button-row">
            <button type="submit" className="button primary" disabled={pending} aria-busy={pending}>
              {pending ? tc('saving') : form.id ? tc('save') : t('createSubmit')}
            </button>
            <Link href="/calendars" className="button">
              {tc('cancel')}
            </Link>
          </div>
        )}
      </fieldset>
    </form>
  );
}
