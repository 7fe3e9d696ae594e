// One HTTP byte range (RFC 9110 §14) of a stored file, so the browser's <audio> can seek.
// Multiple ranges are answered with the whole file (allowed: a server may ignore Range).

export type RangeResult =
  | { kind: 'full' }
  | { kind: 'partial'; start: number; end: number }
  | { kind: 'unsatisfiable' };

/** Parses a Range header against a file of `size` bytes; `end` is inclusive. */
export function parseByteRange(header: string | null, size: number): RangeResult {
  if (!header) return { kind: 'full' };
  const match = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header);
  if (!match || (match[1] === '' && match[2] === '')) return { kind: 'full' };
  if (match[1] === '') {
    // Suffix: the last N bytes.
    const suffix = Number(match[2]);
    if (suffix === 0 || size === 0) return { kind: 'unsatisfiable' };
    return { kind: 'partial', start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(match[1]);
  const end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  if (start >= size || end < start) return { kind: 'unsatisfiable' };
  return { kind: 'partial', start, end };
}

/**
 * A 200, 206 or 416 response for `data` honouring the request's Range header. (Next.js's Node
 * server drops Content-Length and sends the body chunked; Content-Range still gives the total.)
 */
export function rangeResponse(req: Request, data: Uint8Array, headers: Record<string, string>): Response {
  const size = data.byteLength;
  const range = parseByteRange(req.headers.get('range'), size);
  const common = { ...headers, 'accept-ranges': 'bytes' };
  if (range.kind === 'unsatisfiable') {
    return new Response(null, { status: 416, headers: { ...common, 'content-range': `bytes */${size}` } });
  }
  if (range.kind === 'partial') {
    const body = data.slice(range.start, range.end + 1);
    return new Response(body, {
      status: 206,
      headers: { ...common, 'content-length': String(body.byteLength), 'content-range': `bytes ${range.start}-${range.end}/${size}` },
    });
  }
  return new Response(data.slice(), { status: 200, headers: { ...common, 'content-length': String(size) } });
}
