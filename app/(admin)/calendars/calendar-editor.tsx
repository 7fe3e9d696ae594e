'use client';
// Business hours: name, time zone, public holidays, weekly opening ranges per weekday and
// dated exceptions. Ranges are one flat list (as the API takes them) shown grouped by day, so
// an API error on /ranges/3/end lands on the right row.
import { useTranslations } from 'next-intl';
import { Field } from '@/app/components/form-field';
import { EditableRows } from '@/app/components/resources/editable-rows';
import { ResourceEditorForm } from '@/app/components/resources/resource-editor-form';
import { RowButton } from '@/app/components/resources/row-button';
import { removeAt, updateAt } from '@/app/components/resources/rows';
import { useResourceEditor } from '@/app/components/resources/use-resource-editor';
import type { CalendarForm } from './calendar-data';

const weekdays = [1, 2, 3, 4, 5, 6, 7] as const;
const exceptionKinds = ['closed', 'open', 'holiday'] as const;
type CalendarException = CalendarForm['exceptions'][number];
const holidayCountries = ['FR', 'BE', 'CH', 'LU', 'CA', 'GB', 'DE', 'ES', 'IT'];

export function CalendarEditor({ initial, timeZones, editable }: { initial: CalendarForm; timeZones: string[]; editable: boolean }) {
  const t = useTranslations('calendars');
  const tc = useTranslations('common');
  const { form, update, save, saved, pending, error, errorFor } = useResourceEditor(initial, {
    apiPath: '/api/calendars',
    listHref: '/calendars',
    toBody: (f) => ({
      name: f.name.trim(),
      timezone: f.timezone,
      holidayCountry: f.holidayCountry || null,
      ranges: f.ranges,
      exceptions: f.exceptions.map((e) => ({
        date: e.date,
        kind: e.kind,
        label: e.label?.trim() || null,
        ...(e.kind === 'open' ? { ranges: e.ranges } : {}),
      })),
    }),
  });
  const timeHint = t('timeHint');
  const setRange = (index: number, patch: Partial<CalendarForm['ranges'][number]>) => update({ ranges: updateAt(form.ranges, index, patch) });

  return (
    <ResourceEditorForm
      listHref="/calendars"
      backLabel={t('back')}
      title={form.id ? initial.name : t('createTitle')}
      intro={t('editorIntro')}
      editable={editable}
      saved={saved}
      pending={pending}
      error={error}
      fields={['name', 'timezone', 'holidayCountry', 'ranges', 'exceptions']}
      submitLabel={form.id ? tc('save') : t('createSubmit')}
      onSave={save}
    >
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
                        <RowButton
                          label={t('removeRange', { day: dayName, start: range.start, end: range.end })}
                          text={tc('remove')}
                          onClick={() => update({ ranges: removeAt(form.ranges, index) })}
                        />
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
        <EditableRows
          items={form.exceptions}
          onChange={(exceptions) => update({ exceptions })}
          columns={(exception) => `11rem 12rem ${exception.kind === 'open' ? 'auto ' : ''}minmax(10rem, 1fr) auto`}
          rowLabel={(index) => t('exceptionNumber', { number: index + 1 })}
          removeLabel={(exception, index) => t('removeException', { date: exception.date || String(index + 1) })}
          emptyMessage={t('noExceptions')}
          addLabel={t('addException')}
          newItem={(): CalendarException => ({ date: '', kind: 'closed', label: null, ranges: [] })}
        >
          {(exception, index, change) => (
            <>
              <Field label={t('fields.date')} error={errorFor(`exceptions/${index}/date`, t('dateHint'))}>
                <input type="date" value={exception.date} onChange={(e) => change({ date: e.target.value })} />
              </Field>
              <Field label={t('fields.kind')} error={errorFor(`exceptions/${index}/kind`)}>
                <select
                  value={exception.kind}
                  onChange={(e) => {
                    const kind = e.target.value as CalendarException['kind'];
                    change({ kind, ranges: kind === 'open' && exception.ranges.length === 0 ? [{ start: '09:00', end: '12:00' }] : exception.ranges });
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
                        onChange={(e) => change({ ranges: updateAt(exception.ranges, r, { start: e.target.value }) })}
                      />
                      <input
                        type="time"
                        aria-label={t('rangeEnd', { day: exception.date })}
                        value={range.end}
                        onChange={(e) => change({ ranges: updateAt(exception.ranges, r, { end: e.target.value }) })}
                      />
                    </span>
                  </Field>
                ))}
              <Field label={t('fields.label')} error={errorFor(`exceptions/${index}/label`)}>
                <input type="text" value={exception.label ?? ''} onChange={(e) => change({ label: e.target.value })} />
              </Field>
            </>
          )}
        </EditableRows>
      </section>
    </ResourceEditorForm>
  );
}
