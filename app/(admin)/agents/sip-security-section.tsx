// Admins only: who is failing to authenticate as the agents' phones, and which addresses or
// usernames the runtime has banned (GET /api/sip-security gives the same data).
import { getFormatter, getTranslations } from 'next-intl/server';
import type { SipSecurityView } from '@/app/lib/sip-security/list-sip-security';

export async function SipSecuritySection({ view }: { view: SipSecurityView }) {
  const [t, format] = await Promise.all([getTranslations('sipSecurity'), getFormatter()]);
  const when = (d: Date) => format.dateTime(d, { dateStyle: 'short', timeStyle: 'medium' });
  return (
    <section aria-labelledby="sip-security-title" data-testid="sip-security">
      <h2 id="sip-security-title">{t('title')}</h2>
      <p className="muted">{t('intro')}</p>
      {view.entries.length === 0 ? (
        <p className="muted">{t('empty')}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('columns.source')}</th>
                <th scope="col">{t('columns.failures')}</th>
                <th scope="col">{t('columns.last')}</th>
                <th scope="col">{t('columns.state')}</th>
              </tr>
            </thead>
            <tbody>
              {view.entries.map((e) => (
                <tr key={`${e.kind}:${e.key}`} data-testid="sip-security-row">
                  <td>
                    {t(`kind.${e.kind}`)} <code>{e.key}</code>
                  </td>
                  <td>{e.failures}</td>
                  <td>
                    {when(e.lastFailureAt)}
                    {e.kind === 'address' && e.lastUsername ? <span className="muted"> · {t('triedUser', { user: e.lastUsername })}</span> : null}
                    {e.kind === 'user' && e.lastAddress ? <span className="muted"> · {t('fromAddress', { address: e.lastAddress })}</span> : null}
                  </td>
                  <td>
                    {e.banned && e.bannedUntil ? (
                      <span className="tag">{t(e.kind === 'address' ? 'bannedUntil' : 'lockedUntil', { until: when(e.bannedUntil) })}</span>
                    ) : (
                      <span className="muted">{t('watched')}</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
