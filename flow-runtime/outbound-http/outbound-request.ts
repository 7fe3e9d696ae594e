// The one way the server fetches a URL somebody configured (flow HTTP step, SMS HTTP provider):
// http(s) only, the address checked when the socket connects (custom `lookup`, so DNS
// rebinding between a check and the connection cannot happen), redirects followed by hand
// with every hop checked again (at most MAX_REDIRECTS), the body streamed and cut past
// maxBytes, and one deadline for the whole exchange, redirects included.
import { lookup as dnsLookup } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { NO_ALLOW_LIST, refusedAddressReason, refusedNameReason, type AllowList } from './address-policy';

export const DEFAULT_MAX_BYTES = 1024 * 1024;
export const MAX_TIMEOUT_MS = 30_000;
export const MAX_REDIRECTS = 3;

export type OutboundErrorKind = 'refused' | 'too-large' | 'timeout' | 'network';

/** A request that did not give a response; `message` is written to the call's path. */
export class OutboundHttpError extends Error {
  constructor(readonly kind: OutboundErrorKind, message: string) {
    super(message);
    this.name = 'OutboundHttpError';
  }
}

export interface ResolvedAddress { address: string; family: number }
export type Resolver = (host: string) => Promise<ResolvedAddress[]>;

export const systemResolver: Resolver = (host) =>
  new Promise((resolve, reject) => dnsLookup(host, { all: true, verbatim: true }, (err, addresses) => (err ? reject(err) : resolve(addresses))));

export interface OutboundRequest {
  method: string;
  url: string;
  headers?: readonly (readonly [string, string])[];
  body?: string | null;
  timeoutMs: number;
  maxBytes?: number;
  allow?: AllowList;
  /** Name resolution (tests inject one; no external DNS there). */
  resolve?: Resolver;
}

export interface OutboundResponse { status: number; body: string; url: string }

/** Headers a caller may not set: they belong to the connection or would retarget the request. */
const DROPPED_HEADERS = new Set(['host', 'content-length', 'transfer-encoding', 'connection', 'accept-encoding', 'upgrade', 'te', 'keep-alive']);
/** The only headers sent on to another origin after a redirect (others may carry credentials: API keys, tokens). */
const CROSS_ORIGIN_HEADERS = new Set(['accept', 'accept-language', 'content-type', 'user-agent']);

function refuse(message: string): never {
  throw new OutboundHttpError('refused', message);
}

function portOf(url: URL): number {
  return url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
}

/** Parses and checks the URL itself: scheme, credentials-free, literal addresses and names. */
export function checkUrl(raw: string, allow: AllowList = NO_ALLOW_LIST): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    refuse(`invalid URL "${raw.slice(0, 200)}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') refuse(`only http and https URLs are allowed, not "${url.protocol}"`);
  // WHATWG parsing has already turned 0x7f000001, 2130706433, 0177.0.0.1, 127.1 into 127.0.0.1.
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const port = portOf(url);
  if (isIP(host)) {
    const reason = refusedAddressReason(host);
    if (reason && !allow.allowsAddress(host, port)) refuse(`address ${host} refused: ${reason}`);
  } else if (!allow.allowsHost(host, port)) {
    const reason = refusedNameReason(host);
    if (reason) refuse(`host ${host} refused: ${reason}`);
  }
  return url;
}

/**
 * `lookup` for the socket: resolves, then refuses when any address is internal (unless the
 * allow-list names the host or the address). Node calls it while connecting, so the address
 * checked is the address connected to.
 */
function guardedLookup(host: string, port: number, allow: AllowList, resolve: Resolver): LookupFunction {
  return (hostname, options, callback) => {
    const all = typeof options === 'object' && options !== null && (options as { all?: boolean }).all === true;
    resolve(hostname).then(
      (addresses) => {
        if (addresses.length === 0) return callback(new OutboundHttpError('network', `host ${host} has no address`), '', 4);
        const hostAllowed = allow.allowsHost(host, port);
        for (const { address } of addresses) {
          const reason = refusedAddressReason(address);
          if (reason && !hostAllowed && !allow.allowsAddress(address, port)) {
            return callback(new OutboundHttpError('refused', `host ${host} resolves to ${address}, refused: ${reason}`), '', 4);
          }
        }
        if (all) (callback as unknown as (e: null, a: ResolvedAddress[]) => void)(null, addresses);
        else callback(null, addresses[0].address, addresses[0].family);
      },
      (err: NodeJS.ErrnoException) => callback(new OutboundHttpError('network', `host ${host} not found (${err.code ?? err.message})`), '', 4),
    );
  };
}

interface Hop { method: string; url: URL; headers: [string, string][]; body: string | null }

function oneHop(hop: Hop, options: { allow: AllowList; resolve: Resolver; maxBytes: number; signal: AbortSignal }): Promise<{ status: number; location: string | null; body: string }> {
  const { url } = hop;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const port = portOf(url);
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { 'accept-encoding': 'identity' };
    for (const [name, value] of hop.headers) headers[name] = value;
    if (hop.body !== null) headers['content-length'] = String(Buffer.byteLength(hop.body));
    const req = client.request({
      method: hop.method,
      host,
      port,
      path: `${url.pathname}${url.search}`,
      headers,
      agent: false, // a fresh connection: no socket reused across hosts or across checks
      lookup: guardedLookup(host, port, options.allow, options.resolve),
      servername: isIP(host) ? undefined : host,
      signal: options.signal,
    });
    // Second line of defence: the socket's real peer must pass too (covers literal addresses).
    req.on('socket', (socket) => {
      socket.once('connect', () => {
        const peer = socket.remoteAddress ?? '';
        const reason = refusedAddressReason(peer);
        if (reason && !options.allow.allowsAddress(peer, port) && !options.allow.allowsHost(host, port)) {
          req.destroy(new OutboundHttpError('refused', `connected address ${peer} refused: ${reason}`));
        }
      });
    });
    req.on('error', (err) => reject(err));
    req.on('response', (res) => {
      const status = res.statusCode ?? 0;
      const location = status >= 300 && status < 400 ? (res.headers.location ?? null) : null;
      if (location !== null) {
        // The redirect's body is never read (it could be huge): the connection is dropped.
        resolve({ status, location, body: '' });
        res.destroy();
        return;
      }
      const declared = Number(res.headers['content-length']);
      if (Number.isFinite(declared) && declared > options.maxBytes) {
        req.destroy();
        return reject(new OutboundHttpError('too-large', `response of ${declared} bytes is larger than the ${options.maxBytes}-byte limit`));
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > options.maxBytes) {
          req.destroy(new OutboundHttpError('too-large', `response larger than the ${options.maxBytes}-byte limit, stopped reading`));
          return;
        }
        chunks.push(chunk);
      });
      res.on('error', reject);
      res.on('aborted', () => reject(new OutboundHttpError('network', 'response cut off')));
      res.on('end', () => resolve({ status, location: null, body: Buffer.concat(chunks).toString('utf8') }));
    });
    if (hop.body !== null) req.end(hop.body);
    else req.end();
  });
}

/** Performs the request under the outbound policy; throws OutboundHttpError when it cannot. */
export async function outboundRequest(request: OutboundRequest): Promise<OutboundResponse> {
  const allow = request.allow ?? NO_ALLOW_LIST;
  const resolve = request.resolve ?? systemResolver;
  const maxBytes = request.maxBytes ?? DEFAULT_MAX_BYTES;
  const timeoutMs = Math.min(Math.max(1, request.timeoutMs), MAX_TIMEOUT_MS);
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  let hop: Hop = {
    method: request.method.toUpperCase(),
    url: checkUrl(request.url, allow),
    headers: (request.headers ?? []).filter(([name]) => !DROPPED_HEADERS.has(name.toLowerCase())).map(([n, v]) => [n, v]),
    body: request.body ?? null,
  };
  try {
    for (let redirects = 0; ; redirects++) {
      const result = await oneHop(hop, { allow, resolve, maxBytes, signal: controller.signal });
      if (result.location === null) return { status: result.status, body: result.body, url: hop.url.href };
      if (redirects >= MAX_REDIRECTS) refuse(`more than ${MAX_REDIRECTS} redirects`);
      let next: URL;
      try {
        next = checkUrl(new URL(result.location, hop.url).href, allow);
      } catch (err) {
        if (err instanceof OutboundHttpError) refuse(`redirect to ${result.location.slice(0, 200)} refused: ${err.message}`);
        throw err;
      }
      const sameOrigin = next.origin === hop.url.origin;
      const toGet = result.status === 303 || ((result.status === 301 || result.status === 302) && hop.method === 'POST');
      hop = {
        method: toGet ? 'GET' : hop.method,
        url: next,
        headers: hop.headers.filter(([name]) => sameOrigin || CROSS_ORIGIN_HEADERS.has(name.toLowerCase())),
        body: toGet ? null : hop.body,
      };
    }
  } catch (err) {
    if (controller.signal.aborted) throw new OutboundHttpError('timeout', `no complete answer within ${timeoutMs} ms`);
    if (err instanceof OutboundHttpError) {
      if (hop.url && err.kind === 'refused' && err.message.startsWith('host ') && hop.url.href !== request.url) {
        throw new OutboundHttpError('refused', `redirect to ${hop.url.href} refused: ${err.message}`);
      }
      throw err;
    }
    const e = err as NodeJS.ErrnoException;
    throw new OutboundHttpError('network', `${e.code ?? 'error'}: ${e.message}`);
  } finally {
    clearTimeout(timer);
  }
}
