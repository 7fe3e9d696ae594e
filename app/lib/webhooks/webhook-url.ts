// A webhook's URL is checked when it is saved with the very policy the runtime sends with
// (flow-runtime/outbound-http): http(s) only, no internal address unless the organisation's
// outbound allow-list names it. Errors are a 400 on /url with the policy's reason.
import { ApiError } from '@/app/lib/api/errors';
import { allowList, checkUrl, OutboundHttpError } from '@/flow-runtime/outbound-http';

export function checkWebhookUrl(raw: string, allowedHosts: readonly string[]): string {
  const url = raw.trim();
  const fail = (code: string, message: string): never => {
    throw new ApiError('VALIDATION_FAILED', `/url: ${message}`, { path: '/url', problems: [{ severity: 'error', path: '/url', code, message }] });
  };
  let parsed: URL;
  try {
    parsed = checkUrl(url, allowList(allowedHosts));
  } catch (err) {
    if (err instanceof OutboundHttpError) return fail('webhook.url', err.message);
    throw err;
  }
  if (parsed.username || parsed.password) fail('webhook.urlCredentials', 'must not contain a user name or password (the signature authenticates us)');
  return parsed.href;
}
