// The Content-Security-Policy of the admin's pages, built per request by proxy.ts.
//
// Scripts: Next.js (App Router) streams its RSC payload in inline <script> tags, so a static
// `script-src 'self'` would break every page and `'unsafe-inline'` would make the policy
// useless against XSS. proxy.ts therefore makes a fresh nonce per request; Next reads it from
// the request's Content-Security-Policy header and puts it on every script it emits.
// 'strict-dynamic' lets those scripts load the app's chunks; older browsers fall back to 'self'.
//
// Styles: React Flow positions nodes and edges with inline `style` attributes, and React
// renders `style={…}` props as attributes too. Nonces do not cover attributes, so styles get
// `'self' 'unsafe-inline'`. Injected CSS cannot run code; scripts remain nonce-only.
//
// Media: sounds are played from /api/sounds/… (same origin) and recordings are previewed
// from blob: URLs made in the browser, hence `media-src 'self' blob:`.
// socket.io talks to the same host (polling, then WebSocket): 'self' covers it in CSP 3
// browsers, the explicit ws(s):// origin covers the others.

export interface PolicyOptions {
  nonce: string;
  /** Host header of the page request (for the explicit WebSocket origin). */
  host?: string | null;
  /** `next dev` needs eval for React's debugging tools and hot reload. */
  dev?: boolean;
}

// A Host header is copied into the policy: allow only what a host[:port] may contain, so
// a crafted header cannot add directives (`;`) or sources.
const SAFE_HOST = /^[A-Za-z0-9.-]{1,253}(:\d{1,5})?$|^\[[0-9A-Fa-f:.]{2,45}\](:\d{1,5})?$/;

export function contentSecurityPolicy({ nonce, host, dev = false }: PolicyOptions): string {
  const webSockets = host && SAFE_HOST.test(host) ? ` ws://${host} wss://${host}` : '';
  const directives = [
    `default-src 'self'`,
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? ` 'unsafe-eval'` : ''}`,
    `style-src 'self' 'unsafe-inline'`,
    `img-src 'self' data: blob:`,
    `font-src 'self' data:`,
    `connect-src 'self'${webSockets}`,
    `media-src 'self' blob:`,
    `worker-src 'self' blob:`,
    `object-src 'none'`,
    `base-uri 'self'`,
    `form-action 'self'`,
    `frame-src 'none'`,
    `frame-ancestors 'none'`,
  ];
  return directives.join('; ');
}

/** A fresh, unguessable nonce (128 bits, base64). */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}
