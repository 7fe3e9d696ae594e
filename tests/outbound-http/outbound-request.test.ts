// outboundRequest() against loopback listeners that count connections: what is refused never
// connects; what is allowed (by the allow-list) is read with its limits.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allowList, OutboundHttpError, outboundRequest, type Resolver } from '@/flow-runtime/outbound-http';

interface Listener { server: http.Server; port: number; connections: number; requests: { url: string; headers: http.IncomingHttpHeaders }[] }

async function listen(handler: http.RequestListener): Promise<Listener> {
  const l: Listener = { server: http.createServer((req, res) => { l.requests.push({ url: req.url ?? '', headers: req.headers }); handler(req, res); }), port: 0, connections: 0, requests: [] };
  l.server.on('connection', () => l.connections++);
  await new Promise<void>((r) => l.server.listen(0, '127.0.0.1', r));
  l.port = (l.server.address() as AddressInfo).port;
  return l;
}

let a: Listener;
let b: Listener;
beforeAll(async () => {
  b = await listen((_req, res) => res.end('b'));
  a = await listen((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/loop') return void res.writeHead(302, { Location: '/loop' }).end();
    if (url.pathname === '/to-b') return void res.writeHead(307, { Location: `http://127.0.0.1:${b.port}/from-a` }).end();
    if (url.pathname === '/declared-big') return void res.writeHead(200, { 'Content-Length': String(5 * 1024 * 1024) }).end(Buffer.alloc(5 * 1024 * 1024));
    if (url.pathname === '/slow') return void setTimeout(() => res.end('late'), 3000);
    res.end('a');
  });
});
afterAll(async () => {
  for (const l of [a, b]) {
    l.server.closeAllConnections();
    await new Promise((r) => l.server.close(r));
  }
});

async function failure(p: Promise<unknown>): Promise<OutboundHttpError> {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(OutboundHttpError);
  return err as OutboundHttpError;
}

describe('outboundRequest', () => {
  it('a name is resolved once, by the connection itself, and every address it gives is checked', async () => {
    let lookups = 0;
    const rebinding: Resolver = async () => (++lookups, [{ address: '93.184.216.34', family: 4 }, { address: '127.0.0.1', family: 4 }]);
    const before = a.connections;
    const err = await failure(outboundRequest({ method: 'GET', url: `http://rebind.test:${a.port}/`, timeoutMs: 2000, resolve: rebinding }));
    expect(err).toMatchObject({ kind: 'refused', message: 'host rebind.test resolves to 127.0.0.1, refused: loopback' });
    expect(lookups).toBe(1);
    expect(a.connections).toBe(before);
  });

  it('an allowed name connects, whatever it resolves to; an allowed address only on its port', async () => {
    const toLoopback: Resolver = async () => [{ address: '127.0.0.1', family: 4 }];
    const res = await outboundRequest({ method: 'GET', url: `http://crm.internal:${a.port}/x`, timeoutMs: 2000, resolve: toLoopback, allow: allowList([`crm.internal:${a.port}`]) });
    expect(res).toMatchObject({ status: 200, body: 'a' });
    const err = await failure(outboundRequest({ method: 'GET', url: `http://127.0.0.1:${b.port}/`, timeoutMs: 2000, allow: allowList([`127.0.0.1:${a.port}`]) }));
    expect(err.message).toBe('address 127.0.0.1 refused: loopback');
  });

  it('redirects: re-checked per hop, limited to 3, credentials not sent to another origin', async () => {
    const beforeB = b.connections;
    const refused = await failure(outboundRequest({ method: 'GET', url: `http://127.0.0.1:${a.port}/to-b`, timeoutMs: 2000, allow: allowList([`127.0.0.1:${a.port}`]) }));
    expect(refused.message).toBe(`redirect to http://127.0.0.1:${b.port}/from-a refused: address 127.0.0.1 refused: loopback`);
    expect(b.connections).toBe(beforeB);
    const loop = await failure(outboundRequest({ method: 'GET', url: `http://127.0.0.1:${a.port}/loop`, timeoutMs: 2000, allow: allowList([`127.0.0.1:${a.port}`]) }));
    expect(loop.message).toBe('more than 3 redirects');
    const both = allowList([`127.0.0.1:${a.port}`, `127.0.0.1:${b.port}`]);
    const res = await outboundRequest({ method: 'POST', url: `http://127.0.0.1:${a.port}/to-b`, body: '{}', headers: [['Authorization', 'Bearer k'], ['X-Api-Key', 'k'], ['Content-Type', 'application/json']], timeoutMs: 2000, allow: both });
    expect(res).toMatchObject({ status: 200, body: 'b', url: `http://127.0.0.1:${b.port}/from-a` });
    const seen = b.requests.at(-1)!.headers;
    expect(seen.authorization).toBeUndefined();
    expect(seen['x-api-key']).toBeUndefined();
    expect(seen['content-type']).toBe('application/json');
  });

  it('a declared Content-Length over the cap is refused before reading; the deadline covers everything', async () => {
    const allow = allowList([`127.0.0.1:${a.port}`]);
    const big = await failure(outboundRequest({ method: 'GET', url: `http://127.0.0.1:${a.port}/declared-big`, timeoutMs: 2000, allow }));
    expect(big).toMatchObject({ kind: 'too-large', message: 'response of 5242880 bytes is larger than the 1048576-byte limit' });
    const started = Date.now();
    const slow = await failure(outboundRequest({ method: 'GET', url: `http://127.0.0.1:${a.port}/slow`, timeoutMs: 300, allow }));
    expect(slow).toMatchObject({ kind: 'timeout', message: 'no complete answer within 300 ms' });
    expect(Date.now() - started).toBeLessThan(2500);
  });

  it('Host and hop-by-hop headers from a flow are not sent', async () => {
    await outboundRequest({ method: 'GET', url: `http://127.0.0.1:${a.port}/h`, headers: [['Host', 'admin.internal'], ['Connection', 'upgrade']], timeoutMs: 2000, allow: allowList([`127.0.0.1:${a.port}`]) });
    expect(a.requests.at(-1)!.headers.host).toBe(`127.0.0.1:${a.port}`);
  });
});
