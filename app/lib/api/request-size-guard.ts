// The body size cap of app/server.ts, applied to every request before Next.js reads anything
// (API routes, better-auth, server actions, pages alike). A route's own reader applies the
// same or a lower limit (./read-body.ts); this is the backstop that also covers code which
// reads bodies by itself.
//  - A declared Content-Length over the limit is answered 413 at once, without reading the
//    body, and the connection is closed (the client may still be sending).
//  - A body without Content-Length (chunked) is counted as the HTTP parser delivers it; past
//    the limit the rest is dropped, 413 is answered if nothing was yet, and the connection is
//    closed. Memory therefore never holds more than the limit of the route.
// No imports from the Next.js bundle: this runs in app/server.ts.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { bodyLimitFor, payloadTooLargeBody, type BodyLimitRule } from './body-limits';

/** Returns true when the request was answered here (Next.js must not see it). */
export function guardRequestSize(req: IncomingMessage, res: ServerResponse): boolean {
  const rule = bodyLimitFor(req.method, req.url);
  const limit = rule.limitBytes;
  const declared = req.headers['content-length'];
  if (declared !== undefined) {
    if (Number(declared) > limit) {
      req.resume(); // what the client still sends is read and dropped, never handed to Next.js
      refuse(req, res, rule);
      return true;
    }
    return false; // Node's parser never delivers more than the declared length.
  }
  if (req.headers['transfer-encoding'] === undefined) return false; // no body
  // Node's HTTP parser hands each piece of body to the request stream through push(); the
  // count happens there so nothing is buffered and Next.js reads the stream as before.
  let received = 0;
  let refused = false;
  const push = req.push.bind(req);
  req.push = (chunk: unknown, encoding?: BufferEncoding): boolean => {
    if (chunk === null || chunk === undefined) return refused ? false : push(chunk, encoding);
    if (refused) return false;
    received += (chunk as Buffer).length;
    if (received > limit) {
      refused = true;
      refuse(req, res, rule);
      return false;
    }
    return push(chunk, encoding);
  };
  return false;
}

/**
 * How long a refused connection keeps reading (and discarding) what the client still sends
 * after the 413. Closing a socket that has unread data makes the kernel send a reset, and a
 * client that is busy uploading may then lose the 413 it has not read yet ("lingering
 * close", as nginx does). Nothing is kept meanwhile.
 */
const LINGER_MS = 3_000;

function refuse(req: IncomingMessage, res: ServerResponse, rule: BodyLimitRule): void {
  const socket = req.socket;
  const closeGracefully = () => {
    socket.end(); // our FIN: the answer is complete
    socket.resume(); // keep draining the client's data so the close is not a reset
    const timer = setTimeout(() => socket.destroy(), LINGER_MS);
    timer.unref();
    socket.once('close', () => clearTimeout(timer));
  };
  // Node closes a `connection: close` response with destroySoon(), i.e. at once: linger instead.
  socket.destroySoon = closeGracefully;
  if (res.headersSent) {
    // The route already answered (e.g. its own, lower limit): just stop the upload.
    if (res.writableFinished) closeGracefully();
    else res.once('finish', closeGracefully);
    return;
  }
  const body = JSON.stringify(payloadTooLargeBody(rule));
  res.writeHead(413, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
    connection: 'close',
  });
  res.end(body);
}
