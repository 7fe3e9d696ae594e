// better-auth's endpoints (sign-in, sign-out, session) under /api/auth/*. Email sign-in goes
// through the password-guessing limits first (app/lib/auth/sign-in-limiter.ts), and a password
// change through the change-password limit (app/lib/account/password-change-limiter.ts).
import { toNextJsHandler } from 'better-auth/next-js';
import { getAuth } from '@/app/lib/auth/auth';
import { limitSignIn } from '@/app/lib/auth/limit-sign-in';
import { limitPasswordChange } from '@/app/lib/account/password-change-limiter';
import { rememberLocale } from '@/app/lib/auth/remember-locale';

export const dynamic = 'force-dynamic';

const handler = (request: Request) => {
  if (request.method === 'POST' && new URL(request.url).pathname.endsWith('/sign-in/email')) {
    return limitSignIn(request, async (r) => rememberLocale(await getAuth().handler(r)));
  }
  // The same guessing limit as POST /api/me/password (app/lib/account).
  if (request.method === 'POST' && new URL(request.url).pathname.endsWith('/change-password')) {
    return limitPasswordChange(request, (r) => getAuth().handler(r));
  }
  return getAuth().handler(request);
};
export const { GET, POST } = toNextJsHandler(handler);
