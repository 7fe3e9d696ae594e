// A TCP proxy a test puts in front of PostgreSQL to take the database away and give it back:
//   cut()       destroys every connection and drops new ones at once (the server is gone);
//   blackhole() accepts connections and forwards nothing (a database that does not answer);
//   restore()   forwards again (connections held by blackhole() are destroyed first).
import net from 'node:net';

export type ProxyMode = 'open' | 'cut' | 'blackhole';

export interface CuttableProxy {
  port: number;
  readonly mode: ProxyMode;
  /** Connections accepted since the proxy started (forwarded or not). */
  readonly accepted: number;
  cut(): void;
  blackhole(): void;
  restore(): void;
  close(): Promise<void>;
}

export async function startCuttableProxy(targetPort: number, targetHost = '127.0.0.1'): Promise<CuttableProxy> {
  let mode: ProxyMode = 'open';
  let accepted = 0;
  const sockets = new Set<net.Socket>();
  const destroyAll = () => {
    for (const s of sockets) s.destroy();
    sockets.clear();
  };
  const server = net.createServer((client) => {
    accepted++;
    if (mode === 'cut') return client.destroy();
    sockets.add(client);
    client.on('error', () => undefined).on('close', () => sockets.delete(client));
    if (mode === 'blackhole') return; // held open, never answered
    const upstream = net.connect(targetPort, targetHost);
    sockets.add(upstream);
    const end = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('close', end);
    upstream.on('error', end).on('close', end);
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    get mode() {
      return mode;
    },
    get accepted() {
      return accepted;
    },
    cut() {
      mode = 'cut';
      destroyAll();
    },
    blackhole() {
      mode = 'blackhole';
      destroyAll();
    },
    restore() {
      if (mode === 'blackhole') destroyAll();
      mode = 'open';
    },
    close: () => new Promise<void>((resolve) => {
      destroyAll();
      server.close(() => resolve());
    }),
  };
}
