// Inbound calls: SIPp (caller) → edge → drachtio-srf app that answers.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectApp, disconnectApp, once, runSipp, sippOk, startEdge, type SrfApp } from './helpers';
import { uacCalleeHangsUp, uacCallerHangsUp } from './scenarios';
import type { RunningSipEdge } from '@/sip-edge/index';

const ANSWER_SDP = 'v=0\r\no=app 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 40000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\na=sendrecv\r\n';

let edge: RunningSipEdge;
let app: SrfApp | undefined;
beforeEach(async () => { edge = await startEdge(); });
afterEach(async () => { if (app) disconnectApp(app); app = undefined; await edge.stop(); });

describe('inbound call', () => {
  it('is answered by the app and hung up by the caller', async () => {
    const seen: string[] = [];
    let destroyed: Promise<unknown> | undefined;
    app = await connectApp(edge, (srf) => {
      srf.invite(async (req: any, res: any) => {
        seen.push(`${req.method} ${req.protocol} from ${req.source_address}`);
        res.send(180);
        const dlg = await srf.createUAS(req, res, { localSdp: ANSWER_SDP });
        destroyed = once(dlg, 'destroy');
        await once(dlg, 'ack').catch(() => undefined);
        seen.push('ack');
      });
    });
    const sipp = runSipp(uacCallerHangsUp(), `127.0.0.1:${edge.sipPort}`, ['-m', '1']);
    const r = await sipp.done;
    expect(sippOk(r)).toBe('ok');
    await destroyed;
    expect(seen).toEqual(['INVITE udp from 127.0.0.1', 'ack']);
    // SIPp saw our 200 with the app's SDP and a Contact of the edge
    expect(r.messages).toMatch(/SIP\/2.0 200 OK[\s\S]*Contact: <sip:127\.0\.0\.1:\d+>[\s\S]*m=audio 40000/);
    expect(edge.edge.stats().dialogs).toBe(0);
  });

  it('is answered and then hung up by the app (BYE from the edge)', async () => {
    let byeResponse: any;
    app = await connectApp(edge, (srf) => {
      srf.invite(async (req: any, res: any) => {
        const dlg = await srf.createUAS(req, res, { localSdp: ANSWER_SDP });
        await once(dlg, 'ack');
        byeResponse = await dlg.destroy();
      });
    });
    const r = await runSipp(uacCalleeHangsUp, `127.0.0.1:${edge.sipPort}`, ['-m', '1']).done;
    expect(sippOk(r)).toBe('ok');
    expect(r.messages).toMatch(/BYE sip:sipp@127\.0\.0\.1:\d+ SIP\/2.0[\s\S]*CSeq: \d+ BYE/);
    expect(byeResponse.method).toBe('BYE');
  });
});
