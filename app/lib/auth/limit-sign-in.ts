// Applies the sign-in limits around better-auth's email sign-in: refuses a locked attempt with
// 429 + Retry-After before any password is checked, then counts the outcome (401 = a failure).
import { clientAddressOf } from './client-address';
import { getSignInLimiter, type SignInAttempt } from './sign-in-limiter';

/** Longest body read to find the email (a sign-in body is a few hundred bytes). */
const MAX_SIGN_IN_BODY = 16 * 1024;
const MAX_EMAIL = 320;
/** Sign-ins being checked now, by account and address (bounded by the open connections). */
const inFlight = new Set<string>();

/** Reads at most `limit` bytes of the body; null when it is longer (never buffered whole). */
async function readCapped(request: Request, limit: number): Promise<string | null> {
  const reader = request.clone().body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The lower-cased email of a JSON sign-in body, or why it cannot be read. */
async function accountOf(request: Request): Promise<string | 'too-large' | null> {
  const text = await readCapped(request, MAX_SIGN_IN_BODY);
  if (text === null) return 'too-large';
  try {
    const email = (JSON.parse(text) as { email?: unknown } | null)?.email;
    return typeof email === 'string' && email.length <= MAX_EMAIL ? email.trim().toLowerCase() : null;
  } catch {
    return null;
  }
}

const refuse = (status: number, code: string, message: string) => Response.json({ code, message }, { status, headers: { 'cache-control': 'no-store' } });

export async function limitSignIn(request: Request, signIn: (request: Request) => Promise<Response>): Promise<Response> {
  const account = await accountOf(request);
  // Every sign-in this limiter cannot attribute to an account is refused here, so no body shape
  // (form-encoded, huge, odd JSON) reaches the password check without being counted.
  if (account === 'too-large') return refuse(413, 'PAYLOAD_TOO_LARGE', `A sign-in body is limited to ${MAX_SIGN_IN_BODY} bytes`);
  if (account === null) return refuse(400, 'INVALID_BODY', 'Send the sign-in as JSON: { "email": "…", "password": "…" }');
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
