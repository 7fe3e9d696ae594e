// How many bytes a request body may have, per route. Used twice: by app/server.ts on every
// request before Next.js reads anything (a declared Content-Length over the limit is refused
// at once, a chunked body is counted as it arrives), and by the body readers of the routes
// (./read-body.ts), which apply the limit of their own route while streaming.
// No imports: app/server.ts loads this file outside the Next.js bundle.

const KiB = 1024;
const MiB = 1024 * KiB;

/** Any JSON body (users, numbers, calendars…): the largest real one is a few kilobytes. */
export const JSON_BODY_LIMIT = 1 * MiB;

/**
 * Bodies that carry a whole flow document (flow creation, draft save). The schema allows
 * 5,000 nodes; tests/fixtures/generate-large-flow.ts gives 1.5 MB of compact JSON for 5,000
 * realistic nodes (2.6 MB indented), so 10 MB leaves room for long texts.
 */
export const FLOW_BODY_LIMIT = 10 * MiB;

/** The audio file of a sound upload (the limit the sounds page announces). */
export const SOUND_FILE_LIMIT = 20 * MiB;

/** The whole multipart body of a sound upload: the file plus its fields and boundaries. */
export const SOUND_UPLOAD_LIMIT = SOUND_FILE_LIMIT + 64 * KiB;

const FLOW_DOCUMENT_ROUTES: readonly [method: string, path: RegExp][] = [
  ['POST', /^\/api\/flows\/?$/],
  ['PUT', /^\/api\/flows\/[^/]+\/draft\/?$/],
  // an unsaved document to simulate (issue 17)
  ['POST', /^\/api\/flows\/[^/]+\/simulate\/?$/],
];

/** What a 413 of a route says: its limit, the field at fault and the UI's message key. */
export interface BodyLimitRule {
  limitBytes: number;
  /** The limit as announced to the user (a sound's file limit, not the multipart envelope's). */
  namedLimitBytes: number;
  path: string;
  problemCode: string;
  messageKey: string;
}

export const JSON_RULE: BodyLimitRule = { limitBytes: JSON_BODY_LIMIT, namedLimitBytes: JSON_BODY_LIMIT, path: '', problemCode: 'body.tooLarge', messageKey: 'errors.payloadTooLarge' };
export const FLOW_RULE: BodyLimitRule = { ...JSON_RULE, limitBytes: FLOW_BODY_LIMIT, namedLimitBytes: FLOW_BODY_LIMIT };
export const SOUND_UPLOAD_RULE: BodyLimitRule = {
  limitBytes: SOUND_UPLOAD_LIMIT,
  namedLimitBytes: SOUND_FILE_LIMIT,
  path: '/file',
  problemCode: 'sound.tooLarge',
  messageKey: 'sounds.fileErrors.tooLarge',
};

/** The body rule of a request, from its method and path (query string ignored). */
export function bodyLimitFor(method: string | undefined, url: string | undefined): BodyLimitRule {
  const path = (url ?? '/').split('?')[0];
  const verb = (method ?? 'GET').toUpperCase();
  if (verb === 'POST' && /^\/api\/sounds\/?$/.test(path)) return SOUND_UPLOAD_RULE;
  if (FLOW_DOCUMENT_ROUTES.some(([m, re]) => m === verb && re.test(path))) return FLOW_RULE;
  return JSON_RULE;
}

/** "1 MB", "20 MB", "512 KB": how the limit is named in error messages. */
export function formatLimit(bytes: number): string {
  if (bytes >= MiB && bytes % MiB === 0) return `${bytes / MiB} MB`;
  if (bytes >= MiB) return `${(bytes / MiB).toFixed(1)} MB`;
  return `${Math.ceil(bytes / KiB)} KB`;
}

/** The JSON error body of a 413 (same shape as ApiError.toBody(), built without it). */
export function payloadTooLargeBody(rule: BodyLimitRule) {
  const limitBytes = rule.namedLimitBytes;
  const message = `The request body is larger than the limit of ${formatLimit(limitBytes)} (${limitBytes} bytes) for this route`;
  return {
    error: {
      code: 'PAYLOAD_TOO_LARGE' as const,
      message,
      path: rule.path,
      limitBytes,
      messageKey: rule.messageKey,
      problems: [{ severity: 'error' as const, code: rule.problemCode, message, path: rule.path }],
    },
  };
}
