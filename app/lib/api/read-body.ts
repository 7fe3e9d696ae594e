// Reads a request body with a byte limit, while it streams: a declared Content-Length over
// the limit is refused before reading anything, and a chunked body is counted chunk by chunk
// and abandoned as soon as it passes the limit — never buffered whole (issue 12, finding 3).
import { payloadTooLargeBody, type BodyLimitRule } from './body-limits';
import { ApiError } from './errors';

/** 413 PAYLOAD_TOO_LARGE naming the limit (`limitBytes`, `messageKey` for the admin UI). */
export function payloadTooLarge(rule: BodyLimitRule): ApiError {
  const { error } = payloadTooLargeBody(rule);
  return new ApiError('PAYLOAD_TOO_LARGE', error.message, {
    path: error.path,
    problems: error.problems,
    details: { limitBytes: error.limitBytes, messageKey: error.messageKey },
  });
}

/** The body's bytes, at most `limitBytes` of them; throws 413 past the limit. */
export async function readBodyBytes(req: Request, rule: BodyLimitRule): Promise<Uint8Array> {
  const limitBytes = rule.limitBytes;
  const tooLarge = () => payloadTooLarge(rule);
  const declared = req.headers.get('content-length');
  if (declared !== null && Number(declared) > limitBytes) throw tooLarge();
  if (!req.body) return new Uint8Array(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    let next: ReadableStreamReadResult<Uint8Array>;
    try {
      next = await reader.read();
    } catch {
      // The client went away, or app/server.ts cut an oversized upload (it answered already).
      throw new ApiError('INVALID_JSON', 'The request body could not be read to its end (the connection was closed)', { path: '' });
    }
    const { done, value } = next;
    if (done) break;
    total += value.byteLength;
    if (total > limitBytes) {
      // Stop reading: the rest of the body is never requested from the socket.
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return chunks[0];
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The body as UTF-8 text (400 INVALID_JSON when it is not UTF-8), within the limit. */
export async function readBodyText(req: Request, rule: BodyLimitRule): Promise<string> {
  const bytes = await readBodyBytes(req, rule);
  try {
    return utf8.decode(bytes);
  } catch {
    throw new ApiError('INVALID_JSON', 'The request body is not valid UTF-8', { path: '' });
  }
}
