// A raw HTTP/1.1 client (node:net) that sends a large body piece by piece and watches for the
// server's answer while it is still sending — what fetch cannot show. Used to prove that an
// oversized body is refused as it arrives, not after being read whole (tests/api/body-limits).
import net from 'node:net';
import { baseUrl } from './context';

export interface RawUploadOptions {
  method: string;
  path: string;
  headers: Record<string, string>;
  /** Declared Content-Length; without it the body is sent with Transfer-Encoding: chunked. */
  contentLength?: number;
  /** The first bytes of the body (e.g. a JSON or multipart prefix); the rest is `fill`. */
  prefix: Buffer | string;
  fill?: number;
  /** Stop sending after this many body bytes (then wait for the answer). */
  maxBodyBytes: number;
  chunkBytes?: number;
  /** Pause between chunks (a trickle); 0 = as fast as the socket drains. */
  pauseMs?: number;
  /** How long to wait for the answer once everything was sent. */
  answerTimeoutMs?: number;
}

export interface RawUploadResult {
  /** Undefined when the server did not answer. */
  status?: number;
  body?: unknown;
  /** Body bytes written to the socket when the answer arrived (or in all). */
  bodyBytesSent: number;
  /** True when the client had sent all of maxBodyBytes (and the chunked terminator) before any answer. */
  sentEverything: boolean;
}

export async function rawUpload(options: RawUploadOptions): Promise<RawUploadResult> {
  const url = new URL(baseUrl());
  const socket = net.connect(Number(url.port), url.hostname);
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  const chunked = options.contentLength === undefined;
  const head =
    `${options.method} ${options.path} HTTP/1.1\r\nHost: ${url.host}\r\n` +
    Object.entries(options.headers).map(([k, v]) => `${k}: ${v}\r\n`).join('') +
    (chunked ? 'Transfer-Encoding: chunked\r\n' : `Content-Length: ${options.contentLength}\r\n`) +
    '\r\n';

  let received = Buffer.alloc(0);
  let answer: { status: number; body: unknown } | undefined;
  let closed = false;
  const answered = new Promise<void>((resolve) => {
    const tryParse = () => {
      const end = received.indexOf('\r\n\r\n');
      if (end < 0) return;
      const headText = received.subarray(0, end).toString('latin1');
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(headText)?.[1]);
      const length = Number(/\r\ncontent-length: *(\d+)/i.exec(headText)?.[1] ?? NaN);
      const bodyBytes = received.subarray(end + 4);
      if (Number.isFinite(length) && bodyBytes.length < length) return;
      const text = bodyBytes.subarray(0, Number.isFinite(length) ? length : undefined).toString('utf8');
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // not JSON: keep the text
      }
      answer = { status, body };
      resolve();
    };
    socket.on('data', (data: Buffer) => {
      received = Buffer.concat([received, data]);
      if (!answer) tryParse();
    });
    socket.on('close', () => {
      closed = true;
      if (!answer) tryParse();
      resolve();
    });
  });
  socket.on('error', () => undefined); // EPIPE/ECONNRESET once the server cut the upload

  const write = (data: Buffer | string) =>
    new Promise<void>((resolve) => {
      if (closed || socket.destroyed) return resolve();
      if (socket.write(data)) return resolve();
      const done = () => {
        socket.off('drain', done).off('close', done);
        resolve();
      };
      socket.on('drain', done).on('close', done);
    });

  await write(head);
  const prefix = Buffer.from(options.prefix);
  const chunkBytes = options.chunkBytes ?? 64 * 1024;
  let sent = 0;
  while (!answer && !closed && sent < options.maxBodyBytes) {
    const size = Math.min(chunkBytes, options.maxBodyBytes - sent);
    const chunk = Buffer.alloc(size, options.fill ?? 0x61);
    if (sent < prefix.length) prefix.copy(chunk, 0, sent, Math.min(prefix.length, sent + size));
    await write(chunked ? Buffer.concat([Buffer.from(`${size.toString(16)}\r\n`), chunk, Buffer.from('\r\n')]) : chunk);
    sent += size;
    if (options.pauseMs) await new Promise((r) => setTimeout(r, options.pauseMs));
  }
  const sentEverything = !answer && !closed && sent >= options.maxBodyBytes;
  if (sentEverything && chunked) await write('0\r\n\r\n');
  await Promise.race([answered, new Promise((r) => setTimeout(r, options.answerTimeoutMs ?? 15_000))]);
  socket.destroy();
  return { status: answer?.status, body: answer?.body, bodyBytesSent: sent, sentEverything };
}
