'use client';
// Create or edit a webhook: URL, description, events (checkboxes), active. On creation the API
// returns the signing secret, handed to the caller to show once.
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { apiRequest } from '@/app/components/api-client';
import { Field } from '@/app/components/form-field';
import { FormDialog } from '@/app/components/resources/form-dialog';
import { useApiAction } from '@/app/components/use-api-action';
import { useFieldErrors } from '@/app/components/use-field-errors';
import { EVENT_TYPES, eventKey } from './event-keys';

export interface WebhookFormValue {
  id?: string;
  url: string;
  description: string | null;
  events: string[];
  active: boolean;
}

export function WebhookDialog({ initial, onClose, onSaved }: { initial: WebhookFormValue | null; onClose: () => void; onSaved: (saved: { url: string; secret?: string }) => void }) {
  const t = useTranslations('webhooks');
  const editing = Boolean(initial?.id);
  const [url, setUrl] = useState(initial?.url ?? '');
  const [description, setDescription] = useState(initial?.description ?? '');
  const [events, setEvents] = useState<string[]>(initial?.events ?? [...EVENT_TYPES]);
  const [active, setActive] = useState(initial?.active ?? true);
  const [noEvent, setNoEvent] = useState(false);
  const { pending, error, run } = useApiAction();
  const errorFor = useFieldErrors(error);

  async function save() {
    if (events.length === 0) return setNoEvent(true);
    const body = { url: url.trim(), description: description.trim() || null, events: EVENT_TYPES.filter((e) => events.includes(e)), active };
    let result: { url: string; secret?: string } | undefined;
    const ok = await run(async () => {
      result = editing
        ? await apiRequest<{ url: string }>('PATCH', `/api/webhooks/${initial!.id}`, body)
        : await apiRequest<{ url: string; secret: string }>('POST', '/api/webhooks', body);
    });
    if (ok && result) onSaved(result);
  }

  const toggle = (event: string, on: boolean) => {
    setNoEvent(false);
    setEvents((list) => (on ? [...list, event] : list.filter((e) => e !== event)));
  };

  return (
    <FormDialog
      open={initial !== null}
      title={editing ? t('editTitle') : t('createTitle')}
      onClose={onClose}
      onSubmit={() => void save()}
      pending={pending}
      error={error}
      fields={['url', 'description', 'events', 'active']}
      submitLabel={editing ? undefined : t('createSubmit')}
    >
      <Field label={t('fields.url')} hint={t('urlHint')} error={errorFor('url')}>
        <input type="text" inputMode="url" spellCheck={false} name="url" required autoFocus maxLength={2000} placeholder="https://" value={url} onChange={(e) => setUrl(e.target.value)} />
      </Field>
      <Field label={t('fields.description')} hint={t('descriptionHint')} error={errorFor('description')}>
        <input type="text" name="description" maxLength={200} value={description} onChange={(e) => setDescription(e.target.value)} />
      </Field>
      <fieldset className="contacts-numbers-fieldset field" aria-describedby="webhook-events-hint">
        <legend>{t('fields.events')}</legend>
        {EVENT_TYPES.map((event) => (
          <div key={event}>
            <label>
              <input type="checkbox" name="events" value={event} checked={events.includes(event)} onChange={(e) => toggle(event, e.target.checked)} /> {t(`events.${eventKey(event)}`)}{' '}
              <code className="muted">{event}</code>
            </label>
          </div>
        ))}
        <span id="webhook-events-hint" className="hint">
          {t('eventsHint')}
        </span>
        {(noEvent || errorFor('events')) && (
          <span className="field-error" role="alert">
            {noEvent ? t('eventsRequired') : errorFor('events')}
          </span>
        )}
      </fieldset>
      <div className="field">
        <label>
          <input type="checkbox" name="active" checked={active} onChange={(e) => setActive(e.target.checked)} /> {t('fields.active')}
        </label>
      </div>
    </FormDialog>
  );
}
