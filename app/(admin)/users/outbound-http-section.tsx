'use client';
// Admins only: the internal hosts the flows' HTTP steps may reach. Everything internal
// (loopback, private, link-local and cloud metadata addresses) is refused by the runtime
// unless listed here (flow-runtime/outbound-http). One entry per line; saved with
// PUT /api/settings/outbound-http, audited.
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { apiRequest, fieldProblem } from '@/app/components/api-client';
import { Field } from '@/app/components/form-field';
import { useApiAction } from '@/app/components/use-api-action';
import { useFieldErrors } from '@/app/components/use-field-errors';

export function OutboundHttpSection({ allowedHosts }: { allowedHosts: string[] }) {
  const t = useTranslations('outboundHttp');
  const [text, setText] = useState(allowedHosts.join('\n'));
  const [saved, setSaved] = useState<string[] | null>(null);
  const { pending, error, run } = useApiAction();
  const errorFor = useFieldErrors(error);
  const entries = text.split('\n').map((l) => l.trim()).filter((l) => l.length > 0);

  // The API names the failing line (/allowedHosts/<i>); say which entry, in the user's language.
  const problem = fieldProblem(error, 'allowedHosts');
  const badIndex = Number(/^\/allowedHosts\/(\d+)/.exec(problem?.path ?? '')?.[1] ?? NaN);
  const fieldError = Number.isNaN(badIndex) ? errorFor('allowedHosts') : t('invalidEntry', { entry: entries[badIndex] ?? '' });

  async function save() {
    let result: { allowedHosts: string[] } | undefined;
    const ok = await run(async () => {
      result = await apiRequest<{ allowedHosts: string[] }>('PUT', '/api/settings/outbound-http', { allowedHosts: entries });
    });
    if (ok && result) {
      setText(result.allowedHosts.join('\n'));
      setSaved(result.allowedHosts);
    }
  }

  return (
    <section aria-labelledby="outbound-http-title" data-testid="outbound-http">
      <h2 id="outbound-http-title">{t('title')}</h2>
      <p className="muted">{t('intro')}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <Field label={t('label')} hint={t('hint')} error={fieldError}>
          <textarea name="allowedHosts" rows={4} spellCheck={false} value={text} onChange={(e) => { setText(e.target.value); setSaved(null); }} />
        </Field>
        <button type="submit" className="button primary" disabled={pending} aria-busy={pending}>
          {t('save')}
        </button>
        {saved && (
          <span role="status" className="muted">
            {' '}
            {saved.length === 0 ? t('savedEmpty') : t('saved', { count: saved.length })}
          </span>
        )}
      </form>
    </section>
  );
}
