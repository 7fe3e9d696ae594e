/* eslint-disable @typescript-eslint/no-explicit-any -- tests inspect arbitrary JSON answers with assertions */
// Talking to the server under test as a user would: sign in over HTTP (session cookie) or
// use a personal API token, then call the REST API.
import { baseUrl } from './context';

export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

export type Credentials = { cookie: string } | { token: string } | null;

/** Signs in through better-auth's endpoint; returns the raw response and the session cookie. */
export async function signInRaw(email: string, password: string): Promise<{ status: number; cookie: string | null; body: any }> {
  const res = await fetch(`${baseUrl()}/api/auth/sign-in/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: baseUrl() },
    body: JSON.stringify({ email, password }),
  });
  const cookies = res.headers.getSetCookie().map((c) => c.split(';')[0]);
  const session = cookies.filter((c) => /session_token=/.test(c));
  const body = await res.json().catch(() => null);
  return { status: res.status, cookie: session.length ? cookies.join('; ') : null, body };
}

/** Signs in and returns credentials for `api()`; fails the test when sign-in fails. */
export async function signIn(user: { email: string; password: string }): Promise<{ cookie: string }> {
  const result = await signInRaw(user.email, user.password);
  if (result.status !== 200 || !result.cookie) throw new Error(`sign-in of ${user.email} failed: ${result.status} ${JSON.stringify(result.body)}`);
  return { cookie: result.cookie };
}

/** Creates a personal API token for a signed-in user. */
export async function createToken(session: { cookie: string }, name = 'test'): Promise<{ token: string }> {
  const res = await api(session).post('/api/tokens', { name });
  if (res.status !== 201) throw new Error(`token creation failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { token: res.body.token };
}

function authHeaders(credentials: Credentials): Record<string, string> {
  if (!credentials) return {};
  if ('cookie' in credentials) return { cookie: credentials.cookie, origin: baseUrl() };
  return { authorization: `Bearer ${credentials.token}` };
}

async function call<T>(credentials: Credentials, method: string, path: string, body?: unknown, extra: RequestInit = {}): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...authHeaders(credentials) };
  let payload: BodyInit | undefined;
  if (body instanceof FormData) payload = body;
  else if (typeof body === 'string') {
    payload = body;
    headers['content-type'] = 'application/json';
  } else if (body !== undefined) {
    payload = JSON.stringify(body);
    headers['content-type'] = 'application/json';
  }
  const res = await fetch(`${baseUrl()}${path}`, { method, headers, body: payload, ...extra });
  const type = res.headers.get('content-type') ?? '';
  const parsed = type.includes('json') ? await res.json() : type.startsWith('audio/') ? Buffer.from(await res.arrayBuffer()) : await res.text();
  return { status: res.status, headers: res.headers, body: parsed as T };
}

/** `api(credentials).get('/api/flows')` → `{ status, headers, body }`. */
export function api(credentials: Credentials) {
  return {
    get: <T = any>(path: string) => call<T>(credentials, 'GET', path),
    post: <T = any>(path: string, body?: unknown) => call<T>(credentials, 'POST', path, body),
    put: <T = any>(path: string, body?: unknown) => call<T>(credentials, 'PUT', path, body),
    patch: <T = any>(path: string, body?: unknown) => call<T>(credentials, 'PATCH', path, body),
    delete: <T = any>(path: string) => call<T>(credentials, 'DELETE', path),
  };
}
