/* eslint-disable @typescript-eslint/no-explicit-any -- drachtio-srf request/response objects are untyped */
// Edge behaviour that needs exact control of the peer: routing without apps, the wire
// protocol, retransmissions, the ACK timeout, torture messages on the wire, app failures.
import { readFileSync, readdirSync } from 'node:fs';
import net from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunningSipEdge } from '@/sip-edge/index';
import { getHeader } from '@/sip-edge/sip-message';
import { connectApp, disconnectApp, once, startEdge, waitFor, type SrfApp } from './helpers';
import { UdpPeer, isRequest, isResponse, request } from './udp-peer';
import { TORTURE_DIR } from './torture-dir';

const SDP = 'v=0\r\no=p 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 40004 RTP/AVP 0\r\na=sendrecv\r\n';

let edge: RunningSipEdge;
let peer: UdpPeer;
const apps: SrfApp[] = [];
beforeEach(async () => {
  edge = await startEdge({ timers: { t1: 50, t2: 400, t4: 500 } });
  peer = await UdpPeer.open();
});
afterEach(async () => {
  for (const a of apps.splice(0)) disconnectApp(a);
  peer.close();
  await edge.stop();
});

describe('without apps', () => {
  it('answers OPTIONS 200 and other methods 503', async () => {
    peer.send(request('OPTIONS', edge.sipPort, peer.port, { callId: 'o1' }), edge.sipPort);
    peer.send(request('MESSAGE', edge.sipPort, peer.port, { callId: 'm1' }), edge.sipPort);
    const ok = await peer.waitFor(isResponse(200, 'OPTIONS'), '200 to OPTIONS');
    const unavailable = await peer.waitFor(isResponse(503, 'MESSAGE'), '503 to MESSAGE');
    // rport filled in (RFC 3581)
    expect(getHeader(ok, 'via')).toMatch(new RegExp(`;rport=${peer.port}`));
    expect(getHeader(unavailable, 'call-id')).toBe('m1');
  });

  it('survives every RFC 4475 torture message and keeps answering', async () => {
    const dir = TORTURE_DIR;
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.dat'))) peer.send(readFileSync(`${dir}/${f}`), edge.sipPort);
    // malformed requests are answered as RFC 4475 describes
    await peer.waitFor((m) => m.kind === 'response' && m.status === 420, '420 Bad Extension');
    await peer.waitFor((m) => m.kind === 'response' && m.status === 505, '505 for SIP/7.0');
    await peer.waitFor((m) => m.kind === 'response' && m.status === 416, '416 for unknown scheme');
    await peer.waitFor((m) => m.kind === 'response' && m.status === 415, '415 for unknown Content-Type');
    await peer.waitFor((m) => m.kind === 'response' && m.status === 400 && getHeader(m, 'call-id') === 'mismatch01.dj0234sxdfl3', '400 mismatch01');
    await peer.waitFor((m) => m.kind === 'response' && m.status === 400 && getHeader(m, 'call-id')?.startsWith('ncl.') === true, '400 ncl');
    // and a normal request still works afterwards
    peer.send(request('OPTIONS', edge.sipPort, peer.port, { callId: 'after-torture' }), edge.sipPort);
    await peer.waitFor((m) => m.kind === 'response' && getHeader(m, 'call-id') === 'after-torture', 'OPTIONS after torture');
  });
});

describe('drachtio protocol', () => {
  it('refuses a wrong secret', async () => {
    await expect(connectApp(edge, () => undefined, 'wrong')).rejects.toThrow(/authenticate/);
  });

  it('closes an app connection that sends garbage, and keeps serving others', async () => {
    const sock = net.connect(edge.drachtioPort, '127.0.0.1');
    await once(sock, 'connect');
    sock.write('not a frame at all#');
    await once(sock, 'close');
    const app = await connectApp(edge, (srf) => srf.options((_req: any, res: any) => res.send(200)));
    apps.push(app);
    peer.send(request('OPTIONS', edge.sipPort, peer.port), edge.sipPort);
    await peer.waitFor(isResponse(200, 'OPTIONS'), '200');
  });

  it('delivers MESSAGE and round-robins a method across the apps that routed it', async () => {
    const hits: string[] = [];
    for (const name of ['a', 'b']) {
      apps.push(await connectApp(edge, (srf) => srf.message((req: any, res: any) => {
        hits.push(`${name}:${req.body}`);
        res.send(202);
      })));
    }
    for (let i = 0; i < 4; i++) {
      peer.send(request('MESSAGE', edge.sipPort, peer.port, { callId: `rr${i}`, body: `m${i}` }), edge.sipPort);
      await peer.waitFor((m) => m.kind === 'response' && getHeader(m, 'call-id') === `rr${i}`, `202 ${i}`);
    }
    expect(hits.map((h) => h.split(':')[0])).toEqual(['a', 'b', 'a', 'b']);
    expect(hits.map((h) => h.split(':')[1])).toEqual(['m0', 'm1', 'm2', 'm3']);
  });

  it('answers ping', async () => {
    const sock = net.connect(edge.drachtioPort, '127.0.0.1');
    await once(sock, 'connect');
    const frame = (s: string) => `${Buffer.byteLength(s)}#${s}`;
    let data = '';
    sock.on('data', (d) => (data += d));
    sock.write(frame('m1|authenticate|cymru|') + frame('m2|ping'));
    await waitFor(() => data.includes('|response|m2|OK|pong'), 'pong');
    expect(data).toMatch(/\|response\|m1\|OK\|udp\/127\.0\.0\.1:\d+,tcp\/127\.0\.0\.1:\d+\|v\d+\.\d+\.\d+/);
    sock.destroy();
  });
});

describe('transactions and dialogs', () => {
  it('absorbs a retransmitted INVITE, sends 100 Trying, and retransmits 200 until the ACK', async () => {
    let invites = 0;
    let acked: Promise<unknown> | undefined;
    apps.push(await connectApp(edge, (srf) => srf.invite(async (req: any, res: any) => {
      invites++;
      const dlg = await srf.createUAS(req, res, { localSdp: SDP });
      acked = once(dlg, 'ack');
    })));
    const inv = request('INVITE', edge.sipPort, peer.port, { callId: 'rtx', branch: 'z9hG4bKrtx1', body: SDP });
    peer.send(inv, edge.sipPort);
    peer.send(inv, edge.sipPort);
    await peer.waitFor(isResponse(100), '100 Trying');
    const ok = await peer.waitFor(isResponse(200, 'INVITE'), '200');
    await waitFor(() => peer.count(isResponse(200, 'INVITE')) >= 3, '200 retransmitted');
    const toTag = /tag=([^;>\s]+)/.exec(getHeader(ok, 'to')!)![1];
    peer.send(request('ACK', edge.sipPort, peer.port, { callId: 'rtx', toTag }), edge.sipPort);
    await acked;
    const n = peer.count(isResponse(200, 'INVITE'));
    // the retransmitted INVITE never reached the app, and retransmissions stop after the ACK
    await new Promise((r) => setTimeout(r, 300));
    expect(invites).toBe(1);
    expect(peer.count(isResponse(200, 'INVITE'))).toBeLessThanOrEqual(n + 1);
  });

  it('ends a call whose 2xx is never ACKed: BYE with Reason, app told', async () => {
    let destroyed: Promise<unknown[]> | undefined;
    apps.push(await connectApp(edge, (srf) => srf.invite(async (req: any, res: any) => {
      const dlg = await srf.createUAS(req, res, { localSdp: SDP });
      destroyed = new Promise((resolve) => dlg.on('destroy', (...a: unknown[]) => resolve(a)));
    })));
    peer.send(request('INVITE', edge.sipPort, peer.port, { callId: 'noack', body: SDP }), edge.sipPort);
    await peer.waitFor(isResponse(200, 'INVITE'), '200');
    const bye = await peer.waitFor(isRequest('BYE'), 'BYE after 64*T1');
    expect(getHeader(bye, 'reason')).toBe('SIP ;cause=200 ;text="ACK timeout"');
    const [, reason] = await destroyed!;
    expect(reason).toBe('ACK timeout');
    expect(edge.edge.stats().dialogs).toBe(0);
  });

  it('answers 481 to a request for an unknown dialog', async () => {
    peer.send(request('BYE', edge.sipPort, peer.port, { callId: 'nodialog', toTag: 'x' }), edge.sipPort);
    await peer.waitFor(isResponse(481, 'BYE'), '481');
  });

  it('ends the dialogs of an app that disconnects mid-call with BYE', async () => {
    let answered = false;
    const app = await connectApp(edge, (srf) => srf.invite(async (req: any, res: any) => {
      await srf.createUAS(req, res, { localSdp: SDP });
      answered = true;
    }));
    peer.send(request('INVITE', edge.sipPort, peer.port, { callId: 'gone', body: SDP }), edge.sipPort);
    const ok = await peer.waitFor(isResponse(200, 'INVITE'), '200');
    const toTag = /tag=([^;>\s]+)/.exec(getHeader(ok, 'to')!)![1];
    peer.send(request('ACK', edge.sipPort, peer.port, { callId: 'gone', toTag }), edge.sipPort);
    await waitFor(() => answered, 'answered');
    disconnectApp(app);
    const bye = await peer.waitFor(isRequest('BYE'), 'BYE on app disconnect');
    expect(getHeader(bye, 'call-id')).toBe('gone');
    expect(getHeader(bye, 'reason')).toMatch(/application disconnected/);
  });

  it('keeps serving other apps while one app never answers', async () => {
    apps.push(await connectApp(edge, (srf) => srf.invite(() => undefined /* stuck */)));
    apps.push(await connectApp(edge, (srf) => srf.options((_req: any, res: any) => res.send(200))));
    peer.send(request('INVITE', edge.sipPort, peer.port, { callId: 'stuck', body: SDP }), edge.sipPort);
    await peer.waitFor(isResponse(100), '100 Trying from the edge itself');
    for (let i = 0; i < 3; i++) {
      peer.send(request('OPTIONS', edge.sipPort, peer.port, { callId: `o${i}` }), edge.sipPort);
      await peer.waitFor((m) => m.kind === 'response' && getHeader(m, 'call-id') === `o${i}`, `OPTIONS ${i}`);
    }
  });
});
