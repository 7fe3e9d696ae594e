/* eslint-disable @typescript-eslint/no-explicit-any -- drachtio-srf request/response objects are untyped */
// Hostile peers (issue 11, findings 1, 2 and 4): one TCP connection must never stop the edge,
// every parse is bounded, and TCP resources are capped and time-limited.
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSipEdge } from '@/sip-edge/index';
import { getHeader } from '@/sip-edge/sip-message';
import { TcpTransport } from '@/sip-edge/transport-tcp';
import { connectApp, disconnectApp, freeUdpPort, once, startEdge, waitFor, type SrfApp } from './helpers';
import { overTcp, TcpPeer } from './tcp-peer';
import { UdpPeer, isResponse, request } from './udp-peer';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

/** About 70 KB of header-like lines and no blank line: more than the 64 KiB head limit. */
const NO_BLANK_LINE = `OPTIONS sip:x@127.0.0.1 SIP/2.0\r\n${'X-Junk: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n'.repeat(1400)}`;
/** Exactly 64 KiB without a blank line: the edge gives up on exactly what it read, so the next request parses. */
const NO_BLANK_LINE_64K = NO_BLANK_LINE.slice(0, 65536);

/** Every uncaught exception or unhandled rejection in this process while a test runs. */
const crashes: string[] = [];
const onCrash = (err: unknown) => crashes.push(String((err as Error)?.stack ?? err));
beforeAll(() => {
  process.on('uncaughtException', onCrash);
  process.on('unhandledRejection', onCrash);
});
afterAll(() => {
  process.off('uncaughtException', onCrash);
  process.off('unhandledRejection', onCrash);
});

async function optionsAnswered(edge: { sipPort: number }, callId: string): Promise<number> {
  const peer = await UdpPeer.open();
  try {
    const start = performance.now();
    peer.send(request('OPTIONS', edge.sipPort, peer.port, { callId }), edge.sipPort);
    await peer.waitFor((m) => m.kind === 'response' && m.status === 200 && getHeader(m, 'call-id') === callId, `200 to OPTIONS ${callId}`);
    return performance.now() - start;
  } finally {
    peer.close();
  }
}

describe('the edge process (sip-edge/main.ts, as in production)', () => {
  let child: ChildProcess;
  let sipPort: number;
  let output = '';
  beforeAll(async () => {
    sipPort = await freeUdpPort();
    const drachtioPort = await freeUdpPort();
    child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'sip-edge', 'main.ts')], {
      cwd: ROOT,
      env: { ...process.env, SIP_EDGE_SIP_PORT: String(sipPort), DRACHTIO_PORT: String(drachtioPort), SIP_EDGE_LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (d) => (output += d));
    child.stderr!.on('data', (d) => (output += d));
    await waitFor(() => output.includes('SIP listening on') || child.exitCode !== null, 'sip-edge started', 30_000);
    expect(child.exitCode).toBeNull();
  });
  afterAll(() => { child?.kill('SIGKILL'); });

  it('keeps answering after 70 KB without a blank line and then a request on one TCP connection', async () => {
    const hostile = await TcpPeer.open(sipPort);
    hostile.send(NO_BLANK_LINE);
    hostile.send(overTcp(request('OPTIONS', sipPort, hostile.port, { callId: 'after-junk' })));
    // the edge ends that connection (its framing is lost) and answers nothing more on it
    await hostile.waitClosed('hostile connection closed');
    expect(hostile.received.some((m) => getHeader(m, 'call-id') === 'after-junk')).toBe(false);
    // the same again, the request arriving after the edge already ended the connection (the
    // peer keeps its side open): answering it was the 'write after end' that ended the process
    const again = await TcpPeer.open(sipPort, '127.0.0.1', true);
    again.send(NO_BLANK_LINE_64K);
    await once(again.socket, 'end');
    again.send(overTcp(request('OPTIONS', sipPort, again.port, { callId: 'after-end' })));
    again.socket.end();
    await again.waitClosed('second hostile connection closed');
    expect(again.received).toEqual([]);

    expect(await optionsAnswered({ sipPort }, 'other-peer')).toBeGreaterThan(0);
    const tcp = await TcpPeer.open(sipPort);
    tcp.send(overTcp(request('OPTIONS', sipPort, tcp.port, { callId: 'tcp-peer' })));
    await tcp.waitFor(isResponse(200, 'OPTIONS'), '200 on a new TCP connection');
    tcp.close();
    expect(child.exitCode).toBeNull();
    expect(output).not.toMatch(/write after end|ERR_STREAM_WRITE_AFTER_END|Unhandled|uncaught/i);
  });
});

describe('in process', () => {
  let edge: RunningSipEdge;
  const apps: SrfApp[] = [];
  const peers: TcpPeer[] = [];
  afterEach(async () => {
    for (const a of apps.splice(0)) disconnectApp(a);
    for (const p of peers.splice(0)) p.close();
    const running = edge;
    edge = undefined as unknown as RunningSipEdge;
    await running?.stop();
    expect(crashes).toEqual([]);
  });

  it('an app answering on a TCP connection that is gone gets an error, nothing is thrown', async () => {
    edge = await startEdge();
    const results: unknown[] = [];
    const peer = await TcpPeer.open(edge.sipPort);
    peers.push(peer);
    apps.push(await connectApp(edge, (srf) => srf.message(async (_req: any, res: any) => {
      // answer only once the caller's connection is closed: the edge ended it (framing lost)
      await peer.waitClosed('caller connection closed');
      res.send(200, (err: unknown) => results.push(err ?? 'sent'));
    })));
    peer.send(overTcp(request('MESSAGE', edge.sipPort, peer.port, { callId: 'late', body: 'hi' })) + NO_BLANK_LINE);
    await waitFor(() => results.length === 1, 'app told of the failed send');
    expect(String(results[0])).toMatch(/fail|clos|refused/i);
    await optionsAnswered(edge, 'still-up');
  });

  it('a send on a TCP connection that is ending or gone rejects, it never throws', async () => {
    const t = await TcpTransport.listen('127.0.0.1', 0, () => undefined);
    try {
      const hostile = await TcpPeer.open(t.local.port, '127.0.0.1', true);
      peers.push(hostile);
      hostile.send(NO_BLANK_LINE);
      await once(hostile.socket, 'end');
      await expect(t.send(Buffer.from('SIP/2.0 200 OK\r\n\r\n'), '127.0.0.1', hostile.port)).rejects.toThrow(/closing/);
      hostile.close();
      await waitFor(() => t.stats().connections === 0, 'connection gone');
      // nothing listens on the peer's port any more: the new connection attempt fails, as a rejection
      await expect(t.send(Buffer.from('SIP/2.0 200 OK\r\n\r\n'), '127.0.0.1', hostile.port)).rejects.toThrow(/TCP connect/);
      expect(t.stats().bufferedBytes).toBe(0);
    } finally {
      await t.close();
    }
  });

  it('answers 513 to a 60,000-character header, and other peers right after', async () => {
    edge = await startEdge();
    const nasty = ['"\\', ', ', ' ', ';a=', '<sip:', '\\"'];
    for (const [i, unit] of nasty.entries()) {
      const value = unit.repeat(Math.ceil(60_000 / unit.length)).slice(0, 60_000);
      const tcp = await TcpPeer.open(edge.sipPort);
      peers.push(tcp);
      tcp.send(overTcp(request('REGISTER', edge.sipPort, tcp.port, { callId: `big${i}`, extra: `Authorization: Digest username=${value}` })));
      const res = await tcp.waitFor((m) => m.kind === 'response' && getHeader(m, 'call-id') === `big${i}`, `answer to big${i}`);
      expect(res.kind === 'response' && res.status).toBe(513);
      // the answer is prompt: measured precisely in the bench, loosely bounded here
      expect(await optionsAnswered(edge, `after-big${i}`)).toBeLessThan(1000);
      // the connection stays usable: its framing was not lost
      tcp.send(overTcp(request('OPTIONS', edge.sipPort, tcp.port, { callId: `same-conn${i}` })));
      await tcp.waitFor((m) => getHeader(m, 'call-id') === `same-conn${i}`, 'OPTIONS on the same connection');
    }
    // and in one UDP datagram
    const udp = await UdpPeer.open();
    const value = '\\"'.repeat(30_000);
    udp.send(request('REGISTER', edge.sipPort, udp.port, { callId: 'big-udp', extra: `Authorization: Digest realm="${value}"` }), edge.sipPort);
    await udp.waitFor((m) => m.kind === 'response' && m.status === 513, '513 over UDP');
    udp.close();
    expect(await optionsAnswered(edge, 'after-big-udp')).toBeLessThan(1000);
  });

  it('frames messages trickled octet by octet, pipelined, or split inside the body', async () => {
    edge = await startEdge();
    apps.push(await connectApp(edge, (srf) => srf.message((req: any, res: any) => res.send(200, { headers: { 'X-Body': req.body } }))));
    const tcp = await TcpPeer.open(edge.sipPort);
    peers.push(tcp);
    const one = Buffer.from(overTcp(request('MESSAGE', edge.sipPort, tcp.port, { callId: 'trickle', body: 'hello' })), 'latin1');
    for (const byte of one) tcp.send(Buffer.from([byte]));
    const r1 = await tcp.waitFor((m) => getHeader(m, 'call-id') === 'trickle', 'trickled message answered');
    expect(getHeader(r1, 'x-body')).toBe('hello');
    const two = overTcp(request('MESSAGE', edge.sipPort, tcp.port, { callId: 'p1', body: 'one' }))
      + '\r\n\r\n' + overTcp(request('MESSAGE', edge.sipPort, tcp.port, { callId: 'p2', body: 'two' }));
    const cut = two.indexOf('two');
    tcp.send(two.slice(0, cut + 1));
    tcp.send(two.slice(cut + 1));
    expect(getHeader(await tcp.waitFor((m) => getHeader(m, 'call-id') === 'p1', 'p1'), 'x-body')).toBe('one');
    expect(getHeader(await tcp.waitFor((m) => getHeader(m, 'call-id') === 'p2', 'p2'), 'x-body')).toBe('two');
    expect(tcp.pongs).toBe(1);
  });

  it('closes 100 slow connections by their deadlines, refuses connections over the caps, frees the buffers', async () => {
    edge = await startEdge({
      tcpLimits: { headTimeoutMs: 1500, bodyTimeoutMs: 1500, maxConnectionsPerAddress: 100, maxConnections: 110 },
    });
    const opened = Date.now();
    const slow: TcpPeer[] = [];
    for (let i = 0; i < 100; i++) slow.push(await TcpPeer.open(edge.sipPort));
    peers.push(...slow);
    // half trickle a head one octet at a time, half announce 10,000 octets of body and send 10
    const head = overTcp(request('MESSAGE', edge.sipPort, 1, { callId: 'slow' }));
    const liar = head.replace('Content-Length: 0', 'Content-Length: 10000') + '0123456789';
    slow.forEach((p, i) => { if (i % 2 === 1) p.send(liar); });
    let offset = 0;
    const trickle = setInterval(() => {
      for (const [i, p] of slow.entries()) if (i % 2 === 0) p.send(head[offset % head.length]);
      offset++;
    }, 100);
    try {
      await waitFor(() => edge.edge.stats().tcp!.connections === 100, '100 connections accepted');
      // the 101st from the same address is refused at once, long before any deadline
      const extra = await TcpPeer.open(edge.sipPort);
      peers.push(extra);
      await extra.waitClosed('101st connection from one address refused', 1000);
      // from other addresses, the total cap (110) applies
      const others: TcpPeer[] = [];
      for (let i = 0; i < 11; i++) others.push(await TcpPeer.open(edge.sipPort, `127.0.0.${2 + i}`));
      peers.push(...others);
      await others[10].waitClosed('connection over the total cap refused', 1000);
      expect(others.slice(0, 10).every((p) => !p.closed)).toBe(true);
      expect(edge.edge.stats().tcp!.refused).toBe(2);
      expect(edge.edge.stats().tcp!.bufferedBytes).toBeGreaterThan(0);

      // every slow connection is closed by its deadline, none answered
      await Promise.all(slow.map((p) => p.waitClosed('slow connection closed by its deadline', 10_000)));
      const lasted = Math.max(...(await Promise.all(slow.map((p) => p.closedAt)))) - opened;
      expect(lasted).toBeLessThan(8000);
      expect(slow.every((p) => p.received.length === 0)).toBe(true);
      expect(edge.edge.stats().tcp!.deadlineClosed).toBeGreaterThanOrEqual(100);
      // idle connections (no octet sent) start no deadline
      expect(others.slice(0, 10).every((p) => !p.closed)).toBe(true);
      for (const p of others) p.close();
      await waitFor(() => edge.edge.stats().tcp!.connections === 0, 'all connections gone');
      expect(edge.edge.stats().tcp!.bufferedBytes).toBe(0);
      // and the caps no longer refuse anyone
      const after = await TcpPeer.open(edge.sipPort);
      peers.push(after);
      after.send(overTcp(request('OPTIONS', edge.sipPort, after.port, { callId: 'after-slow' })));
      await after.waitFor(isResponse(200, 'OPTIONS'), 'OPTIONS after the slow connections');
    } finally {
      clearInterval(trickle);
    }
  });

  it('keeps a phone that sends CRLF keep-alives connected past the head deadline and the idle timeout', async () => {
    edge = await startEdge({ tcpLimits: { headTimeoutMs: 300, idleTimeoutMs: 1000 } });
    const phone = await TcpPeer.open(edge.sipPort);
    peers.push(phone);
    const started = Date.now();
    while (Date.now() - started < 2500) {
      phone.send('\r\n\r\n');
      const pongs = phone.pongs;
      await waitFor(() => phone.pongs > pongs, 'pong');
      await new Promise((r) => setTimeout(r, 400));
    }
    expect(phone.closed).toBe(false);
    phone.send(overTcp(request('OPTIONS', edge.sipPort, phone.port, { callId: 'phone' })));
    await phone.waitFor(isResponse(200, 'OPTIONS'), 'OPTIONS from the phone');
    // a silent connection is closed by the idle timeout
    const silent = await TcpPeer.open(edge.sipPort);
    peers.push(silent);
    await silent.waitClosed('silent connection closed when idle', 5000);
  });
});

describe('drachtio control port', () => {
  let edge: RunningSipEdge;
  afterEach(async () => {
    const running = edge;
    edge = undefined as unknown as RunningSipEdge;
    await running?.stop();
    expect(crashes).toEqual([]);
  });

  const frame = (s: string) => `${Buffer.byteLength(s)}#${s}`;

  it('closes an unauthenticated connection announcing a large frame, before its octets arrive', async () => {
    edge = await startEdge();
    const sock = net.connect(edge.drachtioPort, '127.0.0.1');
    sock.on('error', () => undefined);
    await once(sock, 'connect');
    sock.write('9000000#');
    await once(sock, 'close');
    // a normal app still connects
    const app = await connectApp(edge);
    disconnectApp(app);
  });

  it('ignores frames after a wrong secret and closes that connection only', async () => {
    edge = await startEdge();
    const sock = net.connect(edge.drachtioPort, '127.0.0.1');
    sock.on('error', () => undefined);
    await once(sock, 'connect');
    let data = '';
    sock.on('data', (d) => (data += d));
    sock.write(frame('m1|authenticate|wrong|') + frame('m2|ping') + frame('m3|route|invite'));
    await once(sock, 'close');
    expect(data).toMatch(/\|response\|m1\|NO\|incorrect secret/);
    expect(data).not.toMatch(/\|m2\|/);
    expect(await optionsAnswered(edge, 'after-bad-app')).toBeGreaterThan(0);
  });

  it('survives an authenticated app sending a malformed SIP frame and a huge one', async () => {
    edge = await startEdge();
    const sock = net.connect(edge.drachtioPort, '127.0.0.1');
    sock.on('error', () => undefined);
    await once(sock, 'connect');
    let data = '';
    sock.on('data', (d) => (data += d));
    sock.write(frame('m1|authenticate|cymru|') + frame(`m2|sip|||\r\nINVITE ${'x'.repeat(70_000)}\r\n\r\n`)
      + frame('m3|sip|nosuchtxn||\r\nSIP/2.0 200 OK\r\nCSeq: 1 INVITE\r\n\r\n') + frame('m4|proxy|nosuchtxn'));
    await waitFor(() => /\|m2\|NOK/.test(data) && /\|m3\|NOK/.test(data) && /\|m4\|NOK/.test(data), 'NOKs');
    sock.write('99999999#');
    await once(sock, 'close');
    expect(await optionsAnswered(edge, 'after-huge-frame')).toBeGreaterThan(0);
  });
});
