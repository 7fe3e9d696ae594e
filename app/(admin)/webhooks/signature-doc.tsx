// For developers: what a delivery looks like and how to check its signature (the format is
// flow-runtime/webhooks/webhook-signature.ts). The code is code; the sentences are translated.
import { useTranslations } from 'next-intl';

const EXAMPLE = `import { createHmac, timingSafeEqual } from 'node:crypto';

// rawBody: the request body exactly as received (a string), before JSON.parse
function verify(secret, rawBody, header) {
  const parts = Object.fromEntries(header.split(',').map((p) => p.split('=')));
  const expected = createHmac('sha256', secret).update(parts.t + '.' + rawBody).digest('hex');
  const fresh = Math.abs(Date.now() / 1000 - Number(parts.t)) < 300;
  return fresh && timingSafeEqual(Buffer.from(expected), Buffer.from(parts.v1 ?? ''));
}`;

export function SignatureDoc() {
  const t = useTranslations('webhooks');
  return (
    <details className="webhook-doc" data-testid="webhook-doc">
      <summary>{t('docTitle')}</summary>
      <p>{t('docIntro')}</p>
      <ul>
        <li>
          <code>X-Relais-Signature: t=…,v1=…</code> — {t('docHeaderSignature')}
        </li>
        <li>
          <code>X-Relais-Event-Id</code> — {t('docHeaderEventId')}
        </li>
        <li>
          <code>X-Relais-Event</code> — {t('docHeaderEvent')}
        </li>
      </ul>
      <p>{t('docVerify')}</p>
      <p className="muted">{t('docExample')}</p>
      <pre>
        <code>{EXAMPLE}</code>
      </pre>
    </details>
  );
}
