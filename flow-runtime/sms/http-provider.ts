// SMS through a generic HTTP API: URL, method, Authorization (a header value or basic
// credentials), a body template with {{to}} {{from}} {{body}} (escaped for the content type:
// JSON string escapes, form URL-encoding, else as is), a timeout; any 2xx means sent.
// Sent under the outbound HTTP policy (flow-runtime/outbound-http) like the flow HTTP step:
// an SMS gateway on an internal address must be named in SMS_HTTP_ALLOW.
import { allowList, OutboundHttpError, outboundRequest, type Resolver } from '../outbound-http';
import type { SmsProvider, SmsRequest, SmsResult } from './sms-provider';

export interface HttpSmsConfig {
  url: string;
  method: string;
  contentType: string;
  bodyTemplate: string;
  /** Full Authorization header value (e.g. "Bearer abc"), or null. */
  authHeader: string | null;
  basicAuth: { username: string; password: string } | null;
  timeoutMs: number;
  /** Dotted path of the provider's message id in a JSON response ("id", "messages.0.id"). */
  idField: string | null;
  /** Internal hosts the gateway may be on (SMS_HTTP_ALLOW: "sms-gw.internal:8080", "10.0.0.0/8"). */
  allow?: readonly string[];
  /** Name resolution (tests inject one). */
  resolve?: Resolver;
}

type Escape = (v: string) => string;

function escaperFor(contentType: string): Escape {
  const ct = contentType.toLowerCase();
  if (ct.includes('json')) return (v) => JSON.stringify(v).slice(1, -1);
  if (ct.includes('x-www-form-urlencoded')) return encodeURIComponent;
  return (v) => v;
}

export function renderSmsTemplate(template: string, values: Record<'to' | 'from' | 'body', string>, escape: Escape): string {
  return template.replace(/\{\{\s*(to|from|body)\s*\}\}/g, (_, k: 'to' | 'from' | 'body') => escape(values[k]));
}

function pick(value: unknown, dotted: string): unknown {
  return dotted.split('.').reduce<unknown>((v, k) => (v != null && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), value);
}

export function createHttpSmsProvider(config: HttpSmsConfig, defaultFrom: string | null = null): SmsProvider {
  const allow = allowList(config.allow ?? []);
  return {
    name: 'http',
    async send(request: SmsRequest): Promise<SmsResult> {
      const values = { to: request.to, from: request.from ?? defaultFrom ?? '', body: request.body };
      const url = renderSmsTemplate(config.url, values, encodeURIComponent);
      const headers: Record<string, string> = { 'Content-Type': config.contentType };
      if (config.authHeader) headers.Authorization = config.authHeader;
      else if (config.basicAuth) {
        headers.Authorization = `Basic ${Buffer.from(`${config.basicAuth.username}:${config.basicAuth.password}`).toString('base64')}`;
      }
      const hasBody = !['GET', 'HEAD'].includes(config.method);
      try {
        const res = await outboundRequest({
          method: config.method,
          url,
          headers: Object.entries(headers),
          body: hasBody ? renderSmsTemplate(config.bodyTemplate, values, escaperFor(config.contentType)) : null,
          timeoutMs: config.timeoutMs,
          allow,
          resolve: config.resolve,
        });
        const text = res.body;
        if (res.status < 200 || res.status >= 300) return { ok: false, error: `SMS API answered ${res.status}: ${text.slice(0, 200)}` };
        let providerMessageId: string | undefined;
        if (config.idField) {
          try {
            const id = pick(JSON.parse(text), config.idField);
            if (id != null) providerMessageId = String(id);
          } catch {
            // a 2xx without JSON is still a success
          }
        }
        return { ok: true, providerMessageId };
      } catch (err) {
        const e = err as Error;
        if (err instanceof OutboundHttpError && err.kind === 'timeout') return { ok: false, error: `SMS API did not answer within ${config.timeoutMs} ms` };
        if (err instanceof OutboundHttpError && err.kind !== 'network') return { ok: false, error: `SMS API refused: ${e.message}` };
        return { ok: false, error: `SMS API unreachable: ${e.message}` };
      }
    },
  };
}
