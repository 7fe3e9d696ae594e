// SMS as a SIP MESSAGE (RFC 3428) to a gateway: Request-URI sip:<number>@<gateway>, text/plain
// body; any 2xx means the gateway accepted it.
import type { SmsProvider, SmsRequest, SmsResult } from './sms-provider';

/** The bit of drachtio-srf this provider uses. */
export interface SrfRequester {
  request(uri: string, opts: { method: string; headers?: Record<string, string>; body?: string }, cb: (err: Error | null, req: { on(ev: 'response', fn: (res: { status: number; reason?: string; get(h: string): string | undefined }) => void): void }) => void): unknown;
}

export interface SipMessageSmsOptions {
  srf: SrfRequester;
  /** host:port of the gateway. */
  gateway: string;
  transport?: 'udp' | 'tcp';
  defaultFrom?: string | null;
  timeoutMs?: number;
}

/** Escapes what RFC 3261's user part does not allow ('+' stays as is). */
const sipUser = (s: string) => s.replace(/[^A-Za-z0-9\-_.!~*'()&=+$,;?/]/g, (c) => encodeURIComponent(c));

export function createSipMessageSmsProvider(opts: SipMessageSmsOptions): SmsProvider {
  const transport = opts.transport && opts.transport !== 'udp' ? `;transport=${opts.transport}` : '';
  return {
    name: 'sip',
    send(request: SmsRequest): Promise<SmsResult> {
      const from = request.from ?? opts.defaultFrom ?? null;
      const uri = `sip:${sipUser(request.to)}@${opts.gateway}${transport}`;
      const headers: Record<string, string> = { 'Content-Type': 'text/plain;charset=UTF-8' };
      // srf replaces @localhost by the edge's own address
      if (from) headers.From = `<sip:${sipUser(from)}@localhost>`;
      return new Promise<SmsResult>((resolve) => {
        const timer = setTimeout(() => resolve({ ok: false, error: 'SIP MESSAGE: no final response' }), opts.timeoutMs ?? 35_000);
        const finish = (r: SmsResult) => {
          clearTimeout(timer);
          resolve(r);
        };
        try {
          opts.srf.request(uri, { method: 'MESSAGE', headers, body: request.body }, (err, req) => {
            if (err) return finish({ ok: false, error: `SIP MESSAGE not sent: ${err.message}` });
            req.on('response', (res) => {
              if (res.status < 200) return;
              if (res.status < 300) finish({ ok: true, providerMessageId: res.get('Call-ID') ?? undefined });
              else finish({ ok: false, error: `gateway answered ${res.status} ${res.reason ?? ''}`.trim() });
            });
          });
        } catch (err) {
          finish({ ok: false, error: `SIP MESSAGE not sent: ${(err as Error).message}` });
        }
      });
    },
  };
}
