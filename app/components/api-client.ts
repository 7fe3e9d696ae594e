// Browser-side calls to the REST API (/api/...). Errors arrive as
// { error: { code, message, path?, problems? } }; they become an ApiError so forms can show
// the message next to the failing field.

export interface ApiProblem {
  path?: string;
  message: string;
  /** e.g. "schema.pattern", "schema.required" (validation problems). */
  code?: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly path?: string,
    readonly problems: ApiProblem[] = [],
    /** The catalogue key the API gives for its message (e.g. `calls.commandErrors.refused`), when it gives one. */
    readonly messageKey?: string,
    /** The whole error object of the answer (code-specific facts, e.g. `usage` with IN_USE). */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export async function apiRequest<T = unknown>(method: Method, url: string, body?: unknown): Promise<T> {
  const isForm = typeof FormData !== 'undefined' && body instanceof FormData;
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      credentials: 'same-origin',
      headers: body === undefined || isForm ? { accept: 'application/json' } : { 'content-type': 'application/json', accept: 'application/json' },
      body: body === undefined ? undefined : isForm ? (body as FormData) : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'network_error', '');
  }
  const text = await response.text();
  const data: unknown = text ? safeJson(text) : undefined;
  if (!response.ok) {
    const error = (data as { error?: { code?: string; message?: string; path?: string; problems?: unknown; messageKey?: unknown } } | undefined)?.error;
    throw new ApiError(
      response.status,
      error?.code ?? `http_${response.status}`,
      error?.message ?? '',
      error?.path,
      normaliseProblems(error?.problems),
      typeof error?.messageKey === 'string' ? error.messageKey : undefined,
      error && typeof error === 'object' ? (error as Record<string, unknown>) : {},
    );
  }
  return data as T;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function normaliseProblems(problems: unknown): ApiProblem[] {
  if (!Array.isArray(problems)) return [];
  return problems
    .filter((p): p is Record<string, unknown> => typeof p === 'object' && p !== null)
    .map((p) => ({
      path: typeof p.path === 'string' ? p.path : typeof p.instancePath === 'string' ? p.instancePath : undefined,
      message: typeof p.message === 'string' ? p.message : '',
      code: typeof p.code === 'string' ? p.code : undefined,
    }));
}

/** "/ranges/0/startMinute", "ranges.0.startMinute" and "ranges[0].startMinute" → ["ranges","0","startMinute"]. */
export function pathSegments(path: string | undefined): string[] {
  if (!path) return [];
  return path
    .replace(/^#/, '')
    .replace(/\[(\d+)\]/g, '/$1')
    .split(/[/.]/)
    .filter(Boolean);
}

/**
 * The problem the API reported for one form field (e.g. "e164", or "members/2/ringTimeSeconds"),
 * from the error's problems or its path; undefined if the error concerns another field.
 */
export function fieldProblem(error: unknown, field: string): ApiProblem | undefined {
  if (!(error instanceof ApiError)) return undefined;
  const target = pathSegments(field).join('/');
  const matches = (path: string | undefined) => {
    const segments = pathSegments(path).join('/');
    return segments === target || segments.startsWith(`${target}/`);
  };
  const problem = error.problems.find((p) => matches(p.path));
  if (problem) return problem;
  if (matches(error.path)) return { path: error.path, message: error.message, code: error.code };
  return undefined;
}

/** The API's raw message for a field, without the "/path: " prefix the API puts in front. */
export function fieldError(error: unknown, field: string): string | undefined {
  const problem = fieldProblem(error, field);
  return problem ? stripPathPrefix(problem.message) : undefined;
}

export function stripPathPrefix(message: string): string {
  return message.replace(/^\/[^\s:]*:\s*/, '');
}

/** True when the error is attached to one of the given fields (so no banner is needed). */
export function isFieldError(error: unknown, fields: string[]): boolean {
  return fields.some((field) => fieldProblem(error, field) !== undefined);
}
