/* eslint-disable @typescript-eslint/no-explicit-any -- drachtio-srf request/response objects are untyped */
// Behaviour drachtio-srf apps rely on, as drachtio-server has it (issue 11, finding 9): a Contact
// given by an app as a bare `sip:user@localhost` goes out as `<sip:user@edge-host:port>`, and an
// INVITE whose proxying the edge refuses still gets a final response.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunningSipEdge } from '@/sip-edge/index';
import { type SipMessage, getHeader } from '@/sip-edge/sip-message';
import { connectApp, disconnectApp, startEdge, waitFor, type SrfApp } from './helpers';
import { UdpPeer, isRequest, isResponse, request } from './udp-peer';

const SDP = 'v=0\r\no=p 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 40004 RTP/AVP 0\r\na=sendrecv\r\n';

let edge: RunningSipEdge;
let peer: UdpPeer;
let app: SrfApp | undefined;
beforeEach(async () => {
  edge = await startEdge({ timers: { t1: 50, t2: 400, t4: 500 } });
  peer = await UdpPeer.open();
});
afterEach(async () => {
  if (app) disconnectApp(app);
  app = undefined;
  peer.close();
  await edge.stop();
});

/** A response from the peer to a request it received (headers copied as RFC 3261 §8.2.6 says). */
function answer(req: SipMessage, status: number, reason: string): string {
  const copy = (name: string) => req.headers.filter((h) => h.key === name).map((h) => `${h.name}: ${h.value}`);
  return [`SIP/2.0 ${status} ${reason}`, ...copy('via'), ...copy('from'), `To: ${getHeader(req, 'to')};tag=peer`,
    ...copy('call-id'), ...copy('cseq'), 'Content-Length: 0', '', ''].join('\r\n');
}

describe('Contact from an app', () => {
  it('srf createUAC with callingNumber: the bare sip:number@localhost Contact is sent bracketed with the edge address', async () => {
    app = await connectApp(edge);
    const call = app.createUAC(`sip:bob@127.0.0.1:${peer.port}`, { localSdp: SDP, callingNumber: '+33100000000' })
      .catch((err: any) => err);
    const invite = await peer.waitFor(isRequest('INVITE'), 'INVITE from the app');
    expect(getHeader(invite, 'contact')).toBe(`<sip:+33100000000@127.0.0.1:${edge.sipPort}>`);
    peer.send(answer(invite, 486, 'Busy Here'), edge.sipPort);
    expect((await call).status).toBe(486);
  });

  it('srf createUAS with headers.Contact "sip:ivr@localhost": the 200 carries <sip:ivr@edge-host:port>', async () => {
    app = await connectApp(edge, (srf) => srf.invite((req: any, res: any) => {
      srf.createUAS(req, res, { localSdp: SDP, headers: { Contact: 'sip:ivr@localhost' } }).catch(() => undefined);
    }));
    peer.send(request('INVITE', edge.sipPort, peer.port, { callId: 'uas-contact', body: SDP }), edge.sipPort);
    const ok = await peer.waitFor(isResponse(200, 'INVITE'), '200 to INVITE');
    expect(getHeader(ok, 'contact')).toBe(`<sip:ivr@127.0.0.1:${edge.sipPort}>`);
    const toTag = /tag=([^;>\s]+)/.exec(getHeader(ok, 'to')!)![1];
    peer.send(request('ACK', edge.sipPort, peer.port, { callId: 'uas-contact', toTag }), edge.sipPort);
  });

  it('keeps a display name and header parameters, and replaces a port given with localhost', async () => {
    app = await connectApp(edge, (srf) => srf.invite((req: any, res: any) => {
      srf.createUAS(req, res, { localSdp: SDP, headers: { Contact: '"IVR" <sip:ivr@localhost:5999;transport=udp>;expires=60' } })
        .catch(() => undefined);
    }));
    peer.send(request('INVITE', edge.sipPort, peer.port, { callId: 'uas-contact2', body: SDP }), edge.sipPort);
    const ok = await peer.waitFor(isResponse(200, 'INVITE'), '200 to INVITE');
    expect(getHeader(ok, 'contact')).toBe(`"IVR" <sip:ivr@127.0.0.1:${edge.sipPort};transport=udp>;expires=60`);
    const toTag = /tag=([^;>\s]+)/.exec(getHeader(ok, 'to')!)![1];
    peer.send(request('ACK', edge.sipPort, peer.port, { callId: 'uas-contact2', toTag }), edge.sipPort);
  });
});

describe('proxy requests', () => {
  it('refuses an app\'s proxy request (NOK to the app) and answers the INVITE 501 itself', async () => {
    const errors: unknown[] = [];
    app = await connectApp(edge, (srf) => srf.invite((req: any) => {
      req.proxy({ destination: 'sip:elsewhere@127.0.0.1:9' }).catch((err: unknown) => errors.push(err));
    }));
    peer.send(request('INVITE', edge.sipPort, peer.port, { callId: 'proxied', branch: 'z9hG4bKproxied', body: SDP }), edge.sipPort);
    const final = await peer.waitFor((m) => m.kind === 'response' && m.status >= 200, 'final response to the INVITE');
    expect(final.kind === 'response' && final.status).toBe(501);
    expect(getHeader(final, 'warning')).toMatch(/proxying is not implemented/);
    await waitFor(() => errors.length === 1, 'app told the proxy was refused');
    expect(String(errors[0])).toMatch(/proxying is not implemented/);
    // the ACK (same branch, RFC 3261 §17.1.1.3) ends the server transaction
    const toTag = /tag=([^;>\s]+)/.exec(getHeader(final, 'to')!)![1];
    peer.send(request('ACK', edge.sipPort, peer.port, { callId: 'proxied', branch: 'z9hG4bKproxied', toTag }), edge.sipPort);
    await waitFor(() => edge.edge.stats().serverTransactions === 0, 'transaction ended');
  });
});
