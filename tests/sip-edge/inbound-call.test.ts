/* eslint-disable @typescript-eslint/no-explicit-any -- drachtio-srf request/response objects are untyped */
// Inbound calls: SIPp (caller) → edge → drachtio-srf app that answers.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectApp, disconnectApp, once, runSipp, sippOk, startEdge, waitFor, type SrfApp } from './helpers';
import { createHash } from 'node:crypto';
import { uacCalleeHangsUp, uacCallerHangsUp, uacCancel, uacRefer, uacSendsRefer, uacRegisterDigest, uacReinvite } from './scenarios';
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
      srf.invite((req: any, res: any) => {
        srf.createUAS(req, res, { localSdp: ANSWER_SDP }, (_err: unknown, dlg: any) => {
          dlg.once('ack', async () => { byeResponse = await dlg.destroy(); });
        });
      });
    });
    const r = await runSipp(uacCalleeHangsUp, `127.0.0.1:${edge.sipPort}`, ['-m', '1']).done;
    expect(sippOk(r)).toBe('ok');
    await waitFor(() => byeResponse !== undefined, 'BYE sent');
    expect(r.messages).toMatch(/BYE sip:sipp@127\.0\.0\.1:\d+ SIP\/2.0[\s\S]*CSeq: \d+ BYE/);
    expect(byeResponse.method).toBe('BYE');
  });

  it('is cancelled while ringing: 200 to CANCEL, 487 to INVITE, app told', async () => {
    let cancelled: Promise<unknown> | undefined;
    let sendAfterCancel: unknown;
    app = await connectApp(edge, (srf) => {
      srf.invite((req: any, res: any) => {
        cancelled = once(req, 'cancel');
        res.send(180);
        void cancelled.then(() => res.send(200, { body: ANSWER_SDP }, (err: unknown) => { sendAfterCancel = err; }));
      });
    });
    const r = await runSipp(uacCancel, `127.0.0.1:${edge.sipPort}`, ['-m', '1']).done;
    expect(sippOk(r)).toBe('ok');
    const cancelMsg: any = await cancelled;
    expect(cancelMsg.method).toBe('CANCEL');
    await waitFor(() => sendAfterCancel !== undefined, 'late 200 refused');
    expect(String(sendAfterCancel)).toMatch(/unknown transaction/);
    expect(r.messages).toMatch(/SIP\/2.0 487 Request Terminated/);
  });

  it('handles a re-INVITE (hold) inside the dialog', async () => {
    const modifies: string[] = [];
    let destroyed: Promise<unknown> | undefined;
    app = await connectApp(edge, (srf) => {
      srf.invite((req: any, res: any) => {
        // callback form: listeners must be attached before srf handles the next frame, which may
        // already be the re-INVITE (an awaited promise would resume too late)
        srf.createUAS(req, res, { localSdp: ANSWER_SDP }, (_err: unknown, dlg: any) => {
          destroyed = once(dlg, 'destroy');
          dlg.on('modify', (mreq: any, mres: any) => {
            modifies.push(/a=sendonly/.test(mreq.body) ? 'sendonly' : 'other');
            mres.send(200, { body: ANSWER_SDP.replace('a=sendrecv', 'a=recvonly') });
          });
        });
      });
    });
    const r = await runSipp(uacReinvite, `127.0.0.1:${edge.sipPort}`, ['-m', '1']).done;
    expect(sippOk(r)).toBe('ok');
    await destroyed;
    expect(modifies).toEqual(['sendonly']);
    expect(r.messages).toMatch(/a=recvonly/);
  });

  it('sends REFER in the dialog and receives the NOTIFY', async () => {
    const events: string[] = [];
    let destroyed: Promise<unknown> | undefined;
    app = await connectApp(edge, (srf) => {
      srf.invite(async (req: any, res: any) => {
        const dlg = await srf.createUAS(req, res, { localSdp: ANSWER_SDP });
        destroyed = once(dlg, 'destroy');
        dlg.on('notify', (nreq: any, nres: any) => {
          events.push(`NOTIFY ${nreq.get('Event')} ${nreq.body.trim()}`);
          nres.send(200);
        });
        await once(dlg, 'ack');
        const referRes = await dlg.request({ method: 'REFER', headers: { 'Refer-To': '<sip:carol@127.0.0.1>' } });
        events.push(`REFER ${referRes.status}`);
      });
    });
    const r = await runSipp(uacRefer, `127.0.0.1:${edge.sipPort}`, ['-m', '1']).done;
    expect(sippOk(r)).toBe('ok');
    await destroyed;
    // the NOTIFY may reach the app before its REFER promise resumes
    expect(events.sort()).toEqual(['NOTIFY refer SIP/2.0 200 OK', 'REFER 202']);
    expect(r.messages).toMatch(/REFER sip:sipp@127\.0\.0\.1:\d+ SIP\/2.0[\s\S]*Refer-To: <sip:carol@127\.0\.0\.1>/);
  });

  it('relays a REFER from the phone to the app (dialog refer event) and the NOTIFYs of the app back', async () => {
    const refers: string[] = [];
    let destroyed: Promise<unknown> | undefined;
    app = await connectApp(edge, (srf) => {
      srf.invite((req: any, res: any) => {
        srf.createUAS(req, res, { localSdp: ANSWER_SDP }, (_err: unknown, dlg: any) => {
          destroyed = once(dlg, 'destroy');
          dlg.on('refer', (rreq: any, rres: any) => {
            refers.push(rreq.get('Refer-To'));
            rres.send(202);
            const notify = (frag: string, state: string) => dlg.request({ method: 'NOTIFY', headers: { Event: 'refer', 'Subscription-State': state, 'Content-Type': 'message/sipfrag;version=2.0' }, body: `${frag}\r\n` });
            void notify('SIP/2.0 100 Trying', 'active;expires=60').then(() => notify('SIP/2.0 200 OK', 'terminated;reason=noresource'));
          });
        });
      });
    });
    const r = await runSipp(uacSendsRefer, `127.0.0.1:${edge.sipPort}`, ['-m', '1']).done;
    expect(sippOk(r)).toBe('ok');
    await destroyed;
    expect(refers).toEqual([expect.stringMatching(/^<sip:201@127\.0\.0\.1>$/)]);
    expect(r.messages).toMatch(/NOTIFY sip:sipp@127\.0\.0\.1:\d+ SIP\/2.0[\s\S]*Event: refer/);
  });

  it('delivers REGISTER to the app, which challenges it with digest auth (401 then 200)', async () => {
    const seen: number[] = [];
    const md5 = (s: string) => createHash('md5').update(s).digest('hex');
    app = await connectApp(edge, (srf) => {
      srf.register((req: any, res: any) => {
        const auth: string | undefined = req.get('Authorization');
        if (!auth) {
          seen.push(401);
          return res.send(401, { headers: { 'WWW-Authenticate': 'Digest realm="relais", nonce="a1b2c3d4", algorithm=MD5' } });
        }
        const p = Object.fromEntries([...auth.matchAll(/(\w+)="?([^",]+)"?/g)].map((m) => [m[1], m[2]]));
        const expected = md5(`${md5(`alice:relais:wonderland`)}:${p.nonce}:${md5(`REGISTER:${p.uri}`)}`);
        const ok = p.username === 'alice' && p.response === expected;
        seen.push(ok ? 200 : 403);
        res.send(ok ? 200 : 403, { headers: { Contact: req.get('Contact'), Expires: '300' } });
      });
    });
    const r = await runSipp(uacRegisterDigest, `127.0.0.1:${edge.sipPort}`, ['-m', '1']).done;
    expect(sippOk(r)).toBe('ok');
    expect(seen).toEqual([401, 200]);
  });

  it('works over TCP', async () => {
    let destroyed: Promise<unknown> | undefined;
    let protocol = '';
    app = await connectApp(edge, (srf) => {
      srf.invite(async (req: any, res: any) => {
        protocol = req.protocol;
        res.send(180);
        const dlg = await srf.createUAS(req, res, { localSdp: ANSWER_SDP });
        destroyed = once(dlg, 'destroy');
      });
    });
    const r = await runSipp(uacCallerHangsUp('TCP'), `127.0.0.1:${edge.sipPort}`, ['-m', '1', '-t', 't1']).done;
    expect(sippOk(r)).toBe('ok');
    await destroyed;
    expect(protocol).toBe('tcp');
    expect(r.messages).toMatch(/Contact: <sip:127\.0\.0\.1:\d+;transport=tcp>/);
  });

  it('completes calls despite packet loss (SIPp -lost), through retransmissions', async () => {
    let answered = 0;
    app = await connectApp(edge, (srf) => {
      srf.invite(async (req: any, res: any) => {
        res.send(180);
        await srf.createUAS(req, res, { localSdp: ANSWER_SDP });
        answered++;
      });
    });
    const r = await runSipp(uacCallerHangsUp('UDP', true), `127.0.0.1:${edge.sipPort}`, ['-m', '4', '-r', '4', '-lost', '15']).done;
    expect(sippOk(r)).toBe('ok');
    expect(answered).toBe(4);
    await waitFor(() => edge.edge.stats().dialogs === 0, 'all dialogs ended');
  }, 60_000);
});
