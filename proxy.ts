// Next.js proxy (Next 16's name for middleware): runs before every page render and gives it
// a fresh CSP nonce. Next finds the nonce in the request's Content-Security-Policy header and
// stamps it on the scripts it emits; the same policy goes on the response. The policy itself
// is in app/lib/security/content-security-policy.ts. API routes, static files and socket.io
// are not pages: next.config.js gives them their headers.
import { NextResponse, type NextRequest } from 'next/server';
import { contentSecurityPolicy, newNonce } from '@/app/lib/security/content-security-policy';

export function proxy(request: NextRequest) {
  const nonce = newNonce();
  const policy = contentSecurityPolicy({
    nonce,
    host: request.headers.get('host'),
    dev: process.env.NODE_ENV === 'development',
  });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('x-nonce', nonce);
  requestHeaders.set('content-security-policy', policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set('content-security-policy', policy);
  return response;
}

export const config = {
  // Every page; not the API, Next's static files, socket.io or files from public/.
  matcher: ['/((?!api/|_next/static/|_next/image|socket\\.io/|favicon\\.ico).*)'],
};
