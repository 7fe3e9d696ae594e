/* eslint-disable @typescript-eslint/no-explicit-any -- drachtio-srf request/response objects are untyped */
// Outbound calls: drachtio-srf app → edge → SIPp acting as the called party (UAS).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunningSipEdge } from '@/sip-edge/index';
import { connectApp, disconnectApp, runSipp, sippOk, sippPort, startEdge, waitForUdpListener, type SrfApp } from './helpers';
import { uasAnswer, uasBusy, uasCancelled, uasChallenge } from './scenarios';

const OFFER = 'v=0\r\no=app 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 40002 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\na=sendrecv\r\n';

let edge: RunningSipEdge;
let app: SrfApp;
beforeEach(async () => {
  edge = await startEdge();
  app = await connectApp(edge);
});
afterEach(async () => { disconnectApp(app); await edge.stop(); });

async function startUas(xml: string) {
  const run = runSipp(xml, null, ['-m', '1']);
  const port = await sippPort(run);
  await waitForUdpListener(port);
  return { run, uri: `sip:bob@127.0.0.1:${port}` };
}

describe('outbound call', () => {
  it('is answered by the SIPp UAS, ACKed by srf and hung up by the app', async () => {
    const { run, uri } = await startUas(uasAnswer);
    const provisional: number[] = [];
    const dlg = await app.createUAC(uri, { localSdp: OFFER, callingNumber: '+33100000000' }, {
      cbProvisional: (res: any) => provisional.push(res.status),
    });
    expect(provisional).toContain(180);
    expect(dlg.remote.sdp).toMatch(/m=audio/);
    await dlg.destroy();
    const r = await run.done;
    expect(sippOk(r)).toBe('ok');
    // srf's From "sip:+331…@localhost" goes out with the edge's address instead of localhost
    expect(r.messages).toMatch(/From: <?sip:\+33100000000@127\.0\.0\.1/);
    expect(r.messages).toMatch(/ACK sip:sipp@127\.0\.0\.1:\d+;transport=UDP SIP\/2.0|ACK sip:sipp@127\.0\.0\.1:\d+/);
    expect(edge.edge.stats().dialogs).toBe(0);
  });

  it('reports 486 Busy to the app; the edge sends the ACK', async () => {
    const { run, uri } = await startUas(uasBusy);
    const err: any = await app.createUAC(uri, { localSdp: OFFER }).catch((e: unknown) => e);
    expect(err.status).toBe(486);
    const r = await run.done;
    expect(sippOk(r)).toBe('ok');
    expect(r.messages).toMatch(/ACK sip:bob@127\.0\.0\.1:\d+ SIP\/2.0[\s\S]*CSeq: 1 ACK/);
  });

  it('answers a 401 challenge with credentials (srf resends the INVITE)', async () => {
    const { run, uri } = await startUas(uasChallenge);
    const dlg = await app.createUAC(uri, { localSdp: OFFER, auth: { username: 'bob', password: 'builder' } });
    await dlg.destroy();
    const r = await run.done;
    expect(sippOk(r)).toBe('ok');
    expect(r.messages).toMatch(/Authorization: Digest username="bob"/);
    expect(r.messages).not.toMatch(/403 Forbidden/);
  });

  it('cancels an outgoing INVITE while it rings', async () => {
    const { run, uri } = await startUas(uasCancelled);
    let sent: any;
    const err: any = await app.createUAC(uri, { localSdp: OFFER }, {
      cbRequest: (_e: unknown, req: any) => { sent = req; },
      cbProvisional: (res: any) => { if (res.status === 180) sent.cancel(); },
    }).catch((e: unknown) => e);
    expect(err.status).toBe(487);
    const r = await run.done;
    expect(sippOk(r)).toBe('ok');
    expect(r.messages).toMatch(/CANCEL sip:bob@127\.0\.0\.1:\d+ SIP\/2.0/);
  });

  it('bridges an inbound SIPp call to a SIPp UAS with createB2BUA', async () => {
    const { run: uas, uri } = await startUas(uasAnswer);
    const edge2 = edge;
    const { uacCalleeHangsUp } = await import('./scenarios');
    disconnectApp(app);
    app = await connectApp(edge2, (srf) => {
      srf.invite(async (req: any, res: any) => {
        const { uas: a, uac: b } = await srf.createB2BUA(req, res, uri, { localSdpB: req.body });
        // the B side (SIPp UAS) expects a BYE from us; the A side (SIPp UAC) too
        await b.destroy();
        await a.destroy();
      });
    });
    const caller = await runSipp(uacCalleeHangsUp, `127.0.0.1:${edge.sipPort}`, ['-m', '1']).done;
    expect(sippOk(caller)).toBe('ok');
    expect(sippOk(await uas.done)).toBe('ok');
  });
});
