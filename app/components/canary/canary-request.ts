// PUT / POST / DELETE to the canary endpoints, keeping the error's message and failing field.
export type CanaryResult<T> = { ok: true; body: T } | { ok: false; status: number; code: string; message: string; path?: string };

export async function canaryRequest<T>(method: 'PUT' | 'POST' | 'DELETE', url: string, body?: unknown): Promise<CanaryResult<T>> {
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      credentials: 'same-origin',
      headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    return { ok: false, status: 0, code: 'network_error', message: '' };
  }
  const data = response.status === 204 ? undefined : ((await response.json().catch(() => undefined)) as { error?: { code?: string; message?: string; path?: string } } | undefined);
  if (response.ok) return { ok: true, body: data as T };
  return { ok: false, status: response.status, code: data?.error?.code ?? `http_${response.status}`, message: data?.error?.message ?? '', path: data?.error?.path };
}
