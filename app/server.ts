// The admin process: Next.js (pages and REST API) and socket.io (live events) on one port.
// Started by scripts/start.ts (npm start) and by the test harness.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import path from 'node:path';
import next from 'next';
import { Server as SocketServer } from 'socket.io';
import { CLIENT_ADDRESS_HEADER, markClientAddressHeaderTrusted, parseTrustedProxies, resolveClientAddress } from './lib/auth/client-address';
import { guardRequestSize } from './lib/api/request-size-guard';
import { attachLiveSockets } from './lib/realtime/live-sockets';

export interface AdminServer {
  url: string;
  io: SocketServer;
  close(): Promise<void>;
}

export async function startAdminServer(options: { port: number; host?: string; dev?: boolean }): Promise<AdminServer> {
  const host = options.host ?? '127.0.0.1';
  const dir = path.resolve(import.meta.dirname, '..');
  const app = next({ dev: options.dev ?? false, dir, hostname: host, port: options.port });
  const handle = app.getRequestHandler();
  await app.prepare();

  // The client address route handlers see (rate limits): the socket peer, or X-Forwarded-For
  // when the peer is a configured proxy. A copy sent by the client is dropped first.
  const trustedProxies = parseTrustedProxies(process.env.TRUSTED_PROXIES);
  markClientAddressHeaderTrusted();

  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    delete req.headers[CLIENT_ADDRESS_HEADER];
    const client = resolveClientAddress(req.socket.remoteAddress, req.headers['x-forwarded-for'], trustedProxies);
    if (client) req.headers[CLIENT_ADDRESS_HEADER] = client;
    handle(req, res).catch((err: unknown) => {
      console.error('admin: request failed', err);
      if (!res.headersSent) res.statusCode = 500;
      res.end();
    });
  };
  const server = createServer((req, res) => {
    // Body size cap on every request, before Next.js reads anything (issue 12, finding 3).
    if (!guardRequestSize(req, res)) onRequest(req, res);
  });
  // `Expect: 100-continue` (curl, for bodies over 1 MB): refuse before inviting the body.
  server.on('checkContinue', (req: IncomingMessage, res: ServerResponse) => {
    if (guardRequestSize(req, res)) return;
    res.writeContinue();
    onRequest(req, res);
  });
  const io = new SocketServer(server, { path: '/socket.io', serveClient: false });
  (globalThis as { relaisIo?: SocketServer }).relaisIo = io;
  // Authenticated sockets, rooms, `sync`, and the relais_live LISTEN (lib/realtime/).
  const live = attachLiveSockets(io);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    url: `http://${host === '0.0.0.0' ? 'localhost' : host}:${port}`,
    io,
    async close() {
      io.close();
      await live.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

// Run directly: `tsx app/server.ts` (PORT, HOST, NODE_ENV=development for dev mode).
if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const admin = await startAdminServer({
    port: Number(process.env.PORT ?? 3000),
    host: process.env.HOST ?? '127.0.0.1',
    dev: process.env.NODE_ENV === 'development',
  });
  console.log(`admin: listening on ${admin.url}`);
  const stop = () => void admin.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
