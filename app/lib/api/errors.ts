// The typed error of the REST API. Domain functions throw ApiError; the route wrapper
// (./handler.ts) turns it into `{ error: { code, message, path?, problems?, ... } }`.

/** Every error code the API can answer with, and its HTTP status. */
export const API_ERROR_STATUS = {
  /** The body is not JSON (or not the multipart form expected). */
  INVALID_JSON: 400,
  /** The body or a parameter does not satisfy its schema; `path` points at the field. */
  VALIDATION_FAILED: 400,
  /** Not signed in, or the API token is unknown/expired. */
  UNAUTHENTICATED: 401,
  /** Signed in, but the role may not do this. */
  FORBIDDEN: 403,
  /** A write with a session cookie but no Origin header, or a foreign one (CSRF defence). */
  ORIGIN_REFUSED: 403,
  /** No such object in the caller's organisation (other organisations' objects included). */
  NOT_FOUND: 404,
  /** The signed-in user is not linked to an agent (Agent.userId): /api/agent/me routes need one. */
  NOT_AN_AGENT: 404,
  /** An outgoing call to a number on one of the organisation's forbidden lists: nothing rang. */
  FORBIDDEN_DESTINATION: 403,
  /** An outgoing call whose agent's phone did not ring (not registered: SIP 480; busy: 486) or was not answered. */
  AGENT_UNAVAILABLE: 409,
  /** The HTTP method is not supported on this path. */
  METHOD_NOT_ALLOWED: 405,
  /** A unique value is taken, or the draft changed since it was read (stale revision). */
  CONFLICT: 409,
  /** Deleting an object a draft or the live version of a flow uses (`usage` names them), or a number routed to a live flow without `confirm=true` (`confirmable`). */
  IN_USE: 409,
  /** Publishing a draft that has warnings without `acknowledgeWarnings: true`; `problems` lists them. */
  WARNINGS_NOT_ACKNOWLEDGED: 409,
  /** Publishing a draft some of whose test cases fail without `acknowledgeFailingTests: true`; `runs` lists each case (passed, mismatches), `coverage` what they reach. */
  TESTS_FAILING: 409,
  /** The upload is too large. */
  PAYLOAD_TOO_LARGE: 413,
  /** The upload is not a supported audio format. */
  UNSUPPORTED_MEDIA_TYPE: 415,
  /** A supervisor has locked the agent's status: the agent cannot change it (`lock` says who and what). */
  STATUS_LOCKED: 423,
  /** Too many requests of this kind for now; `retryAfter` (seconds) is also sent as Retry-After. */
  TOO_MANY_REQUESTS: 429,
  /** A call command the call cannot take now (not on hold, no agent, already recording…); `status`/`reason` from the runtime. */
  COMMAND_REFUSED: 409,
  /** The call has ended: commands go to live calls only. */
  CALL_NOT_LIVE: 409,
  /** A bug or an unavailable dependency; details are in the server log. */
  INTERNAL: 500,
  /** The runtime holding the call does not know this command type. */
  COMMAND_NOT_SUPPORTED: 501,
  /** No runtime took the call command in time (no runtime holds the call, or none is running); the command is expired. */
  COMMAND_EXPIRED: 504,
  /** The runtime took the call command but gave no result in time (it may still complete: see the call's events). */
  COMMAND_TIMEOUT: 504,
} as const;

export type ApiErrorCode = keyof typeof API_ERROR_STATUS;
export const API_ERROR_CODES = Object.keys(API_ERROR_STATUS) as ApiErrorCode[];

/** One finding of a validation (same shape as validateFlow's problems). */
export interface ApiProblem {
  severity?: 'error' | 'warning';
  code?: string;
  message: string;
  /** JSON pointer into the request body. */
  path: string;
  nodeId?: string;
  edgeId?: string;
  /** Values named in the message, for a translation by `code` (schemas/messages `problems`). */
  params?: Record<string, string | number>;
}

export interface ApiErrorBody {
  error: {
    code: ApiErrorCode;
    message: string;
    path?: string;
    problems?: ApiProblem[];
    /** Extra, code-specific facts (e.g. `currentRevision` for a draft CONFLICT). */
    [extra: string]: unknown;
  };
}

export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly status: number;
  readonly path?: string;
  readonly problems?: ApiProblem[];
  readonly details?: Record<string, unknown>;

  constructor(
    code: ApiErrorCode,
    message: string,
    options: { path?: string; problems?: ApiProblem[]; details?: Record<string, unknown> } = {},
  ) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.status = API_ERROR_STATUS[code];
    this.path = options.path;
    this.problems = options.problems;
    this.details = options.details;
  }

  toBody(): ApiErrorBody {
    return {
      error: {
        ...this.details,
        code: this.code,
        message: this.message,
        ...(this.path !== undefined ? { path: this.path } : {}),
        ...(this.problems ? { problems: this.problems } : {}),
      },
    };
  }
}

/** 404 for a missing object or one of another organisation (never reveals which). */
export function notFound(what: string, id: string): ApiError {
  return new ApiError('NOT_FOUND', `${what} ${id} was not found`);
}

/**
 * 409 for a value that must be unique across the whole platform (a sign-in email, a SIP
 * username of the shared realm, a phone number): the same neutral answer whether the holder is
 * in the caller's organisation or another one, so it never tells who holds it.
 */
export function notAvailable(field: string): ApiError {
  const label = NOT_AVAILABLE_LABELS[field] ?? field;
  return new ApiError('CONFLICT', `This ${label} is not available`, { path: `/${field}`, details: { reason: 'NOT_AVAILABLE' } });
}

const NOT_AVAILABLE_LABELS: Record<string, string> = { email: 'email address', sipUsername: 'SIP username', e164: 'number' };

/** Escapes one JSON pointer segment (RFC 6901). */
export function pointerSegment(segment: string | number): string {
  return String(segment).replace(/~/g, '~0').replace(/\//g, '~1');
}

export function pointer(...segments: (string | number)[]): string {
  return segments.map((s) => '/' + pointerSegment(s)).join('');
}
