// POST to a versions endpoint, keeping the whole error body (problems with their severity
// and node), which the publish dialog shows as lists of errors and warnings.
export interface ActionProblem {
  severity?: 'error' | 'warning';
  code?: string;
  message: string;
  /** Values named in the message, for its translation (schemas/messages). */
  params?: Record<string, string | number>;
  path?: string;
  nodeId?: string;
  edgeId?: string;
}

export type ActionResult<T> =
  | { ok: true; body: T }
  | { ok: false; status: number; code: string; message: string; problems: ActionProblem[]; error?: Record<string, unknown> };

export async function postAction<T>(url: string, body: unknown = {}): Promise<ActionResult<T>> {
  let response: Response;
  try {
    response = await fetch(url, { method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify(body) });
  } catch {
    return { ok: false, status: 0, code: 'network_error', message: '', problems: [] };
  }
  const data = (await response.json().catch(() => undefined)) as { error?: { code?: string; message?: string; problems?: ActionProblem[] } } | undefined;
  if (response.ok) return { ok: true, body: data as T };
  return {
    ok: false,
    status: response.status,
    code: data?.error?.code ?? `http_${response.status}`,
    message: data?.error?.message ?? '',
    problems: Array.isArray(data?.error?.problems) ? data!.error!.problems! : [],
    // The whole error object: some codes carry more (409 TESTS_FAILING: runs, coverage).
    ...(data?.error && typeof data.error === 'object' ? { error: data.error as Record<string, unknown> } : {}),
  };
}
