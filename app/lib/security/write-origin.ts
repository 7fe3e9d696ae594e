// Where a cookie-authenticated write may come from (CSRF defence on top of SameSite=Lax).
// Browsers send `Origin` on every POST/PUT/PATCH/DELETE they make (fetch, forms, server
// actions), same-origin ones included, so a cookie write without it did not come from one of
// our pages: refuse it. Clients that authenticate with an API token (`Authorization: Bearer`)
// are not browsers riding on ambient credentials and need no Origin; callers check that first.
// Used by the API wrapper (app/lib/api/handler.ts) and the language server action.

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export type WriteOriginProblem = 'missing' | 'foreign';

/**
 * Origins a page of the admin is served from: the public URL (BETTER_AUTH_URL) and the Host
 * the request was sent to (the admin is also reached directly, e.g. http://127.0.0.1:3000).
 * X-Forwarded-Host is not trusted: behind a proxy that rewrites Host, set BETTER_AUTH_URL.
 */
function allowedHosts(headers: Headers): Set<string> {
  const hosts = new Set<string>();
  const host = headers.get('host');
  if (host) hosts.add(host.toLowerCase());
  const publicUrl = process.env.BETTER_AUTH_URL;
  if (publicUrl) {
    try {
      hosts.add(new URL(publicUrl).host.toLowerCase());
    } catch {
      // An invalid BETTER_AUTH_URL already fails better-auth at start; nothing to add here.
    }
  }
  return hosts;
}

/** Why a write with these headers must be refused, or null when it may go on. */
export function writeOriginProblem(method: string, headers: Headers): WriteOriginProblem | null {
  if (SAFE_METHODS.has(method.toUpperCase())) return null;
  const origin = headers.get('origin');
  // "null" is what a sandboxed frame or a privacy-redirected request sends: not one of ours.
  if (!origin || origin === 'null') return 'missing';
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return 'foreign';
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return 'foreign';
  return allowedHosts(headers).has(parsed.host.toLowerCase()) ? null : 'foreign';
}

export const WRITE_ORIGIN_MESSAGES: Record<WriteOriginProblem, string> = {
  missing:
    'A write signed in with a session cookie must carry an Origin header (browsers send it); scripts should use an API token ("Authorization: Bearer <token>")',
  foreign: 'A write signed in with a session cookie must come from a page of this admin (its Origin does not match); scripts should use an API token',
};
