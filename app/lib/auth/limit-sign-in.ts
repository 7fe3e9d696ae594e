// Applies the sign-in limits around better-auth's email sign-in: refuses a locked attempt with
// 429 + Retry-After before any password is checked, then counts the outcome (401 = a failure).
import { clientAddressOf } from './client-address';
import { getSignInLimiter, type SignInAttempt } from './sign-in-limiter';

/** Longest body read to find the email (a sign-in body is a few hundred bytes). */
const MAX_SIGN_IN_BODY = 16 * 1024;
const MAX_EMAIL = 320;
/** Sign-ins being checked now, by account and address (bounded by the open connections). */
const inFlight = new Set<string>();

async function accountOf(request: Request): Promise<string | null> {
  const text = await request.clone().text();
  if (text.length > MAX_SIGN_IN_BODY) return null;
  try {
    const email = (JSON.parse(text) as { email?: unknown } | null)?.email;
    return typeof email === 'string' && email.length <= MAX_EMAIL ? email.trim().toLowerCase() : null;
  } catch {
    return null;
  }
}

export async function limitSignIn(request: Request, signIn: (request: Request) => Promise<Response>): Promise<Response> {
  const account = await accountOf(request);
  // Not a well-formed sign-in: better-auth answers 400 without checking a password.
  if (account === null) return signIn(request);
  const attempt: SignInAttempt = { account, address: clientAddressOf(request.headers) };
  const limiter = getSignInLimiter();
  // One password check at a time per account and address: parallel guesses would all pass the
  // lock check before the first failure is counted.
  const slot = `${account}\n${attempt.address ?? ''}`;
  const waitMs = inFlight.has(slot) ? 1000 : limiter.retryAfterMs(attempt);
  if (waitMs > 0) {
    const seconds = Math.ceil(waitMs / 1000);
    return Response.json(
      { code: 'TOO_MANY_ATTEMPTS', message: `Too many failed sign-ins; try again in ${seconds} s`, retryAfter: seconds },
      { status: 429, headers: { 'retry-after': String(seconds), 'cache-control': 'no-store' } },
    );
  }
  inFlight.add(slot);
  try {
    const response = await signIn(request);
    if (response.status === 401) limiter.failed(attempt);
    else if (response.ok) limiter.succeeded(attempt);
    return response;
  } finally {
    inFlight.delete(slot);
  }
}
