/* eslint-disable @typescript-eslint/no-explicit-any -- drachtio-srf dialogs are untyped */
// SMS providers (SIP MESSAGE to a SIPp gateway, HTTP to a local server) and outbound calls
// through the trunk (a SIPp UAS that challenges with 401, then checks the digest).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSipEdge } from '@/sip-edge/index';
import { createHttpSmsProvider, createSipMessageSmsProvider, type HttpSmsConfig } from '@/flow-runtime/sms';
import { dialExternal, formatForTrunk, resolveCallerId, toE164, trunkUri, InvalidNumberError, type TrunkConfig } from '@/flow-runtime/trunk';
import { loadConfig } from '@/flow-runtime/config';
import { connectApp, disconnectApp, runSipp, sippOk, sippPort, startEdge, waitForUdpListener, type SrfApp } from '../sip-edge/helpers';
import { reply, scenario, uasReply } from '../sip-edge/scenarios';
import { SIPP_SDP } from '../sip-edge/helpers';

const OFFER = 'v=0\r\no=app 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 40002 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\na=sendrecv\r\n';

let edge: RunningSipEdge;
let srf: SrfApp;
beforeAll(async () => {
  edge = await startEdge();
  srf = await connectApp(edge);
});
afterAll(async () => {
  disconnectApp(srf);
  await edge?.stop();
});

async function startUas(xml: string) {
  const run = runSipp(xml, null, ['-m', '1'], { timeoutS: 15 });
  const port = await sippPort(run);
  await waitForUdpListener(port);
  return { run, port };
}

describe('SMS over SIP MESSAGE', () => {
  it('sends the text as a MESSAGE to sip:<number>@gateway; 200 means sent', async () => {
    const { run, port } = await startUas(scenario(
      `<recv request="MESSAGE"><action>
        <ereg regexp="^MESSAGE sip:\\+33612345678@127\\.0\\.0\\.1:${0}" search_in="msg" check_it="true" assign_to="ruri"/>
        <ereg regexp="Votre rappel est confirmé pour 14h" search_in="body" check_it="true" assign_to="text"/>
        <ereg regexp="text/plain" search_in="hdr" header="Content-Type:" check_it="true" assign_to="ct"/>
        <ereg regexp="sip:\\+33123456789@" search_in="hdr" header="From:" check_it="true" assign_to="from"/>
      </action></recv>`.replace(':0"', ':[0-9]+"'),
      reply('200 OK'),
      '<Reference variables="ruri,text,ct,from"/>',
    ));
    const provider = createSipMessageSmsProvider({ srf, gateway: `127.0.0.1:${port}` });
    const result = await provider.send({ to: '+33612345678', from: '+33123456789', body: 'Votre rappel est confirmé pour 14h' });
    expect(result.ok).toBe(true);
    const r = await run.done;
    expect(sippOk(r)).toBe('ok');
    expect(r.messages).toContain('Votre rappel est confirmé pour 14h');
  });

  it('reports the gateway refusing the message', async () => {
    const { run, port } = await startUas(scenario('<recv request="MESSAGE"/>', reply('403 Forbidden')));
    const provider = createSipMessageSmsProvider({ srf, gateway: `127.0.0.1:${port}` });
    const result = await provider.send({ to: '+33612345678', from: null, body: 'x' });
    expect(result).toEqual({ ok: false, error: 'gateway answered 403 Forbidden' });
    expect(sippOk(await run.done)).toBe('ok');
  });
});

describe('SMS over HTTP', () => {
  let server: http.Server;
  let url: string;
  const seen: { method: string; url: string; headers: http.IncomingHttpHeaders; body: string }[] = [];
  let respond: (res: http.ServerResponse) => void = (res) => res.end();
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c)).on('end', () => {
        seen.push({ method: req.method!, url: req.url!, headers: req.headers, body });
        respond(res);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const base = (): HttpSmsConfig => ({
    url: `${url}/sms`, method: 'POST', contentType: 'application/json',
    bodyTemplate: '{"to":"{{to}}","from":"{{from}}","text":"{{body}}"}', authHeader: 'Bearer k3y', basicAuth: null, timeoutMs: 2000, idField: 'message.id',
    // the gateway of these tests is on loopback: allowed by name, as SMS_HTTP_ALLOW does
    allow: [new URL(url).host],
  });

  it('refuses a gateway on an internal address unless SMS_HTTP_ALLOW names it, without connecting', async () => {
    seen.length = 0;
    let connections = 0;
    const count = () => connections++;
    server.on('connection', count);
    try {
      const result = await createHttpSmsProvider({ ...base(), allow: [] }).send({ to: '+33612345678', from: null, body: 'x' });
      expect(result.ok).toBe(false);
      expect(result.error).toMatch(/^SMS API refused: address 127\.0\.0\.1 refused: loopback/);
      expect(connections).toBe(0);
      expect(seen).toHaveLength(0);
    } finally {
      server.off('connection', count);
    }
    expect(loadConfig({ SMS_PROVIDER: 'http', SMS_HTTP_URL: 'http://127.0.0.1:1/sms', SMS_HTTP_ALLOW: '127.0.0.1:1, sms.internal' }).sms).toMatchObject({ http: { allow: ['127.0.0.1:1', 'sms.internal'] } });
    expect(() => loadConfig({ SMS_PROVIDER: 'http', SMS_HTTP_URL: 'http://127.0.0.1:1/sms', SMS_HTTP_ALLOW: 'http://x' })).toThrow(/SMS_HTTP_ALLOW/);
  });

  it('posts the rendered template with the auth header; 2xx is sent, with the provider id', async () => {
    seen.length = 0;
    respond = (res) => { res.writeHead(201, { 'Content-Type': 'application/json' }); res.end('{"message":{"id":"m-42"}}'); };
    const result = await createHttpSmsProvider(base()).send({ to: '+33612345678', from: 'Relais', body: 'Dites "oui"\nmerci' });
    expect(result).toEqual({ ok: true, providerMessageId: 'm-42' });
    expect(seen[0]).toMatchObject({ method: 'POST', url: '/sms' });
    expect(seen[0].headers.authorization).toBe('Bearer k3y');
    expect(JSON.parse(seen[0].body)).toEqual({ to: '+33612345678', from: 'Relais', text: 'Dites "oui"\nmerci' });
  });

  it('uses basic auth and form encoding; a 4xx is a failure with the reason', async () => {
    seen.length = 0;
    respond = (res) => { res.writeHead(400); res.end('bad number'); };
    const result = await createHttpSmsProvider({ ...base(), authHeader: null, basicAuth: { username: 'u', password: 'p' }, contentType: 'application/x-www-form-urlencoded', bodyTemplate: 'To={{to}}&Body={{body}}' })
      .send({ to: '+33612345678', from: null, body: 'a&b=c' });
    expect(result).toEqual({ ok: false, error: 'SMS API answered 400: bad number' });
    expect(seen[0].headers.authorization).toBe(`Basic ${Buffer.from('u:p').toString('base64')}`);
    expect(Object.fromEntries(new URLSearchParams(seen[0].body))).toEqual({ To: '+33612345678', Body: 'a&b=c' });
  });

  it('gives up after the timeout', async () => {
    respond = () => undefined; // never answers
    const result = await createHttpSmsProvider({ ...base(), timeoutMs: 150 }).send({ to: '+33612345678', from: null, body: 'x' });
    expect(result).toEqual({ ok: false, error: 'SMS API did not answer within 150 ms' });
  });

  it('reads its settings from the environment', () => {
    const c = loadConfig({ SMS_PROVIDER: 'http', SMS_HTTP_URL: 'http://127.0.0.1:1/sms', SMS_HTTP_BASIC_USER: 'u', SMS_HTTP_BASIC_PASSWORD: 'p' });
    expect(c.sms).toMatchObject({ provider: 'http', http: { url: 'http://127.0.0.1:1/sms', method: 'POST', basicAuth: { username: 'u', password: 'p' } } });
    expect(() => loadConfig({ SMS_PROVIDER: 'http' })).toThrow(/SMS_HTTP_URL/);
  });
});

describe('trunk', () => {
  const trunk = (port: number, extra: Partial<TrunkConfig> = {}): TrunkConfig => ({
    host: '127.0.0.1', port, transport: 'udp', username: 'bob', password: 'builder',
    callerId: { kind: 'entry' }, numberFormat: 'e164', countryCode: '33', ...extra,
  });

  it('normalises numbers to E.164 and writes them as the trunk wants', () => {
    expect(toE164('06 12 34 56 78')).toBe('+33612345678');
    expect(toE164('0033 1 23 45 67 89')).toBe('+33123456789');
    expect(toE164('+44 20 7946 0958')).toBe('+442079460958');
    expect(toE164('3949')).toBeNull();
    expect(formatForTrunk('+33612345678', 'national')).toBe('0612345678');
    expect(formatForTrunk('+442079460958', 'national')).toBe('00442079460958');
    expect(formatForTrunk('+33612345678', 'e164-digits')).toBe('33612345678');
    expect(trunkUri(trunk(5060, { transport: 'tcp' }), '0612345678')).toBe('sip:+33612345678@127.0.0.1:5060;transport=tcp');
    expect(() => trunkUri(trunk(5060), '15')).toThrow(InvalidNumberError);
  });

  it('picks the caller ID by rule', () => {
    const call = { entryNumber: '+33123456789', callerNumber: '0611111111' };
    expect(resolveCallerId({ kind: 'entry' }, call)).toBe('+33123456789');
    expect(resolveCallerId({ kind: 'caller' }, call)).toBe('+33611111111');
    expect(resolveCallerId({ kind: 'fixed', number: '09 70 00 00 00' }, call)).toBe('+33970000000');
    expect(resolveCallerId({ kind: 'caller' }, { entryNumber: null, callerNumber: null })).toBeNull();
  });

  it('dials out through the trunk, answering its digest challenge; Request-URI and From carry the numbers', async () => {
    const { run, port } = await startUas(scenario(
      '<recv request="INVITE"/>',
      uasReply('401 Unauthorized', 'WWW-Authenticate: Digest realm="trunk.test", nonce="4f3e2d1c0b", algorithm=MD5\n'),
      '<recv request="ACK"/>',
      `<recv request="INVITE"><action>
        <verifyauth assign_to="authvalid" username="bob" password="builder"/>
        <ereg regexp="^INVITE sip:\\+33612345678@127\\.0\\.0\\.1:[0-9]+ SIP/2\\.0" search_in="msg" check_it="true" assign_to="ruri"/>
        <ereg regexp="sip:\\+33123456789@" search_in="hdr" header="From:" check_it="true" assign_to="from"/>
      </action></recv>`,
      '<nop hide="true" test="authvalid" next="goodauth"/>',
      uasReply('403 Forbidden'),
      '<recv request="ACK" next="end"/>',
      '<label id="goodauth"/>',
      uasReply('200 OK', 'Content-Type: application/sdp\n', SIPP_SDP),
      '<recv request="ACK"/>',
      '<recv request="BYE"/>',
      reply('200 OK'),
      '<label id="end"/>',
      '<Reference variables="ruri,from"/>',
    ));
    const config = trunk(port);
    const callerId = resolveCallerId(config.callerId, { entryNumber: '01 23 45 67 89', callerNumber: '+33611111111' });
    const dialog: any = await dialExternal(srf, '06 12 34 56 78', { trunk: config, sdp: OFFER, callerId });
    expect(dialog.remote.sdp).toMatch(/m=audio/);
    await dialog.destroy();
    const r = await run.done;
    expect(sippOk(r)).toBe('ok');
    expect(r.messages).toMatch(/Authorization: Digest username="bob"/);
    expect(r.messages).not.toMatch(/403 Forbidden/);
  });

  it('rejects with the trunk\'s status when the call fails', async () => {
    const { run, port } = await startUas(scenario('<recv request="INVITE"/>', uasReply('486 Busy Here'), '<recv request="ACK"/>'));
    const err: any = await dialExternal(srf, '+33612345678', { trunk: trunk(port), sdp: OFFER, callerId: null }).catch((e) => e);
    expect(err.status).toBe(486);
    const r = await run.done;
    expect(sippOk(r)).toBe('ok');
    expect(r.messages).toMatch(/From: "Anonymous" <sip:anonymous@anonymous\.invalid>/);
  });
});
