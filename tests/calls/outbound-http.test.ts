// The flow HTTP step under the outbound policy, in real calls (SIPp caller → embedded edge →
// runtime): pointed at this machine, at a private address, at a name resolving to loopback,
// redirected to loopback or answered with 50 MB, the call leaves the step by `error` with the
// reason in its path, and the loopback listeners count the connections they got (none). The
// same listener is reached once the organisation's admin allows it (allow-list column).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSipp, sippOk } from '../sip-edge/helpers';
import { ack, reply, scenario } from '../sip-edge/scenarios';
import { callerInvite, eventually, flowDocument, publishFlow, startRuntime, tts, type Runtime } from './support';

let rt: Runtime;
let nextEntry = 0;

/** A loopback listener that counts TCP connections and remembers the request paths. */
interface Listener { server: http.Server; port: number; connections: number; paths: string[]; bigBytesWritten: number; bigFinished: boolean }

function listen(handler: (req: http.IncomingMessage, res: http.ServerResponse, l: Listener) => void): Promise<Listener> {
  const l: Listener = { server: null as unknown as http.Server, port: 0, connections: 0, paths: [], bigBytesWritten: 0, bigFinished: false };
  l.server = http.createServer((req, res) => {
    l.paths.push(req.url ?? '');
    handler(req, res, l);
  });
  l.server.on('connection', () => l.connections++);
  return new Promise((resolve) => l.server.listen(0, '127.0.0.1', () => {
    l.port = (l.server.address() as AddressInfo).port;
    resolve(l);
  }));
}

let crm: Listener; // the "internal service" a flow points at
let secret: Listener; // what a redirect tries to reach

/** Writes 50 MB in 64 KB chunks without Content-Length (chunked), stopping when the client goes. */
function fiftyMegabytes(res: http.ServerResponse, l: Listener): void {
  const chunk = Buffer.alloc(64 * 1024, 'x');
  const total = 50 * 1024 * 1024;
  res.writeHead(200, { 'Content-Type': 'application/json' });
  const pump = () => {
    while (l.bigBytesWritten < total) {
      if (res.destroyed) return;
      l.bigBytesWritten += chunk.length;
      if (!res.write(chunk)) return void res.once('drain', pump);
    }
    l.bigFinished = true;
    res.end();
  };
  res.on('close', () => undefined);
  pump();
}

beforeAll(async () => {
  rt = await startRuntime();
  // No external DNS here: names resolve through this table (crm.test → loopback, like a
  // public name an attacker points at 127.0.0.1, or a DNS-rebinding answer at connect time).
  rt.calls.services.outboundHttp = {
    resolve: async (host) => {
      if (host === 'crm.test' || host === 'rebind.test') return [{ address: '127.0.0.1', family: 4 }];
      if (host === 'localhost') return [{ address: '127.0.0.1', family: 4 }, { address: '::1', family: 6 }];
      throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
    },
  };
  secret = await listen((_req, res) => res.end('{"secret":"admin-data"}'));
  crm = await listen((req, res, l) => {
    if (req.url?.startsWith('/big')) return fiftyMegabytes(res, l);
    if (req.url?.startsWith('/redirect')) {
      res.writeHead(302, { Location: `http://127.0.0.1:${secret.port}/api/users` });
      return void res.end();
    }
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end('{"customer":{"tier":"gold"}}');
  });
}, 120_000);

afterAll(async () => {
  await rt?.stop();
  crm?.server.closeAllConnections();
  secret?.server.closeAllConnections();
  await Promise.all([crm, secret].filter(Boolean).map((l) => new Promise((r) => l.server.close(r))));
});

async function setAllowList(entries: string[]): Promise<void> {
  await rt.prisma.organization.update({ where: { id: rt.organizationId }, data: { outboundHttpAllow: entries } });
}

/** Publishes a flow whose HTTP step calls `url`, places one call, returns the finished call with its path. */
async function callWithHttpStep(url: string, extra: { timeoutSeconds?: number } = {}) {
  const entry = `+3319900${String(700 + nextEntry++).padStart(4, '0')}`;
  const doc = flowDocument('crm', [
    { id: 'crm', type: 'http-request', config: { method: 'GET', url, timeoutSeconds: extra.timeoutSeconds ?? 8, responseMappings: [{ pointer: '/customer/tier', variable: 'tier' }] } },
    { id: 'ok', type: 'message', config: { prompt: tts('Client trouvé.') } },
    { id: 'ko', type: 'message', config: { prompt: tts('Service indisponible.') } },
    { id: 'bye', type: 'hangup', config: {} },
  ], [['crm', 'success', 'ok'], ['crm', 'error', 'ko'], ['crm', 'timeout', 'ko'], ['ok', 'next', 'bye'], ['ko', 'next', 'bye']]);
  await publishFlow(rt, entry, doc);
  const r = await runSipp(scenario(
    callerInvite(entry),
    '<recv response="100" optional="true"/>',
    '<recv response="180" optional="true"/>',
    '<recv response="200" rrs="true"/>',
    ack,
    '<recv request="BYE" timeout="40000"/>',
    reply('200 OK'),
  ), `127.0.0.1:${rt.edge.sipPort}`, ['-m', '1'], { timeoutS: 60 }).done;
  expect(sippOk(r)).toBe('ok');
  await rt.recorder.flush(10_000);
  const call = await eventually(
    () => rt.prisma.call.findFirst({ where: { entryNumber: entry, endedAt: { not: null } }, include: { events: { orderBy: { seq: 'asc' } } } }),
    'finished call row',
  );
  const left = call.events.find((e) => e.kind === 'output-taken' && e.nodeId === 'crm');
  return { call, output: left?.output, data: (left?.data ?? {}) as { status?: number | null; reason?: string } };
}

describe('the flow HTTP step refuses internal targets, in a real call', () => {
  it('127.0.0.1 (and 0x7f000001): error with the reason in the path, no connection', async () => {
    await setAllowList([]);
    const before = crm.connections;
    const direct = await callWithHttpStep(`http://127.0.0.1:${crm.port}/customers`);
    expect(direct.output).toBe('error');
    expect(direct.data.reason).toBe('address 127.0.0.1 refused: loopback');
    const hex = await callWithHttpStep(`http://0x7f000001:${crm.port}/customers`);
    expect(hex.output).toBe('error');
    expect(hex.data.reason).toBe('address 127.0.0.1 refused: loopback');
    expect(crm.connections - before).toBe(0);
  }, 150_000);

  it('a private address and the metadata address: error, reason in the path', async () => {
    const priv = await callWithHttpStep('http://10.20.30.40:8080/customers');
    expect(priv).toMatchObject({ output: 'error', data: { reason: 'address 10.20.30.40 refused: private' } });
    const metadata = await callWithHttpStep('http://169.254.169.254/latest/meta-data/');
    expect(metadata).toMatchObject({ output: 'error', data: { reason: 'address 169.254.169.254 refused: link-local (cloud metadata)' } });
  }, 150_000);

  it('a host name resolving to loopback is refused when connecting; so is localhost', async () => {
    const before = crm.connections;
    const named = await callWithHttpStep(`http://crm.test:${crm.port}/customers`);
    expect(named).toMatchObject({ output: 'error', data: { reason: 'host crm.test resolves to 127.0.0.1, refused: loopback' } });
    const local = await callWithHttpStep(`http://localhost:${crm.port}/customers`);
    expect(local).toMatchObject({ output: 'error', data: { reason: 'host localhost refused: internal host name' } });
    expect(crm.connections - before).toBe(0);
  }, 150_000);

  it('the same listener answers once the admin allows it: success, caller URL-encoded', async () => {
    await setAllowList([`127.0.0.1:${crm.port}`]);
    try {
      const before = crm.connections;
      const allowed = await callWithHttpStep(`http://127.0.0.1:${crm.port}/customers?phone={{caller}}`);
      expect(allowed.output).toBe('success');
      expect(crm.connections - before).toBe(1);
      expect(crm.paths.at(-1)).toBe('/customers?phone=%2B33612345678');
      expect(allowed.call.events.some((e) => e.kind === 'variable-set' && (e.data as { name?: string; value?: unknown })?.name === 'tier' && (e.data as { value?: unknown }).value === 'gold')).toBe(true);
    } finally {
      await setAllowList([]);
    }
  }, 150_000);

  it('a redirect from an allowed host to loopback is refused before connecting to it', async () => {
    await setAllowList([`127.0.0.1:${crm.port}`]);
    try {
      const before = secret.connections;
      const redirected = await callWithHttpStep(`http://127.0.0.1:${crm.port}/redirect`);
      expect(redirected.output).toBe('error');
      expect(redirected.data.reason).toBe(`redirect to http://127.0.0.1:${secret.port}/api/users refused: address 127.0.0.1 refused: loopback`);
      expect(secret.connections - before).toBe(0);
    } finally {
      await setAllowList([]);
    }
  }, 150_000);

  it('a 50 MB answer is cut past 1 MB: error with the reason, the rest never sent', async () => {
    await setAllowList([`127.0.0.1:${crm.port}`]);
    try {
      const rssBefore = process.memoryUsage().rss;
      const big = await callWithHttpStep(`http://127.0.0.1:${crm.port}/big`);
      expect(big.output).toBe('error');
      expect(big.data.reason).toBe('response larger than the 1048576-byte limit, stopped reading');
      expect(crm.bigFinished).toBe(false);
      // the listener stopped well before 50 MB (socket buffers hold a few MB at most)
      expect(crm.bigBytesWritten).toBeLessThan(20 * 1024 * 1024);
      expect(process.memoryUsage().rss - rssBefore).toBeLessThan(40 * 1024 * 1024);
    } finally {
      await setAllowList([]);
    }
  }, 150_000);
});
