// voicemail, callback, sms, http-request: steps that wait on the media or on a service.
import { describe, expect, it } from 'vitest';
import { redactEffect, REDACTED } from '@/flow-runtime/interpreter';
import { buildFlow, bye, TestCall, tts } from '../support/call';

describe('voicemail', () => {
  const flow = (config: Record<string, unknown>) =>
    buildFlow(
      [{ id: 'vm', type: 'voicemail', config: { greeting: tts('Laissez un message'), mailbox: { kind: 'agent', agentId: 'agt_hugo' }, ...config } }, bye('after')],
      config.afterRecording === 'next' ? [['vm', 'next', 'after']] : [],
      { validate: config.afterRecording === 'next' },
    );

  it('greeting, beep, records with the finish key, stores it, then next', () => {
    const call = new TestCall(flow({ afterRecording: 'next', maxLengthSeconds: 60, finishKey: '#' })).start().finishPrompt();
    expect(call.lastPlayText()).toBe('tone:beep');
    call.finishPrompt();
    const record = call.of('record')[0];
    expect(record).toMatchObject({ maxLengthSeconds: 60, finishKeys: ['#'], silenceSeconds: 5 });
    call.advance(12).send({ type: 'recordingFinished', recordingId: record.recordingId, reason: 'key', durationMs: 12_000 });
    expect(call.of('storeVoicemail')).toEqual([
      { type: 'storeVoicemail', recordingId: record.recordingId, mailbox: { kind: 'agent', agentId: 'agt_hugo' }, caller: '+33612345678', durationMs: 12_000 },
    ]);
    expect(call.taken()).toEqual(['vm:next']);
  });

  it('afterRecording hangup: thanks, then hangs up', () => {
    const call = new TestCall(flow({ beep: false })).start().finishPrompt();
    const { recordingId } = call.of('record')[0];
    call.send({ type: 'recordingFinished', recordingId, reason: 'silence', durationMs: 3000 });
    expect(call.lastPlayText()).toBe('Merci, votre message a été enregistré. Au revoir.');
    call.finishPrompt();
    expect(call.ended).toBe(true);
    expect(call.of('hangup')).toHaveLength(1);
  });

  it('the media never ends the recording: stopped after the maximum length plus grace, still stored', () => {
    const call = new TestCall(flow({ beep: false, maxLengthSeconds: 30 })).start().finishPrompt().advance(35);
    expect(call.of('stopRecording')).toHaveLength(1);
    expect(call.of('storeVoicemail')[0].durationMs).toBe(35_000);
  });

  it('hanging up while recording keeps the message and is not an abandon; during the greeting it is', () => {
    const recording = new TestCall(flow({ beep: false })).start().finishPrompt().advance(9).hangup();
    expect(recording.of('storeVoicemail')[0].durationMs).toBe(9000);
    expect(recording.state.outcome).toBeNull();
    const greeting = new TestCall(flow({})).start().hangup();
    expect(greeting.state.outcome).toBe('abandoned');
    expect(greeting.of('storeVoicemail')).toHaveLength(0);
  });

  it('finish key any → every key; none → no key', () => {
    expect(new TestCall(flow({ beep: false, finishKey: 'any' })).start().finishPrompt().of('record')[0].finishKeys).toHaveLength(12);
    expect(new TestCall(flow({ beep: false, finishKey: 'none' })).start().finishPrompt().of('record')[0].finishKeys).toEqual([]);
  });
});

describe('callback', () => {
  const flow = (config: Record<string, unknown>) =>
    buildFlow(
      [{ id: 'cb', type: 'callback', config: { groupId: 'grp_support', calendarId: 'cal_bureau', retries: 1, ...config } }, bye('ok'), bye('ko')],
      [
        ['cb', 'registered', 'ok'],
        ['cb', 'failed', 'ko'],
      ],
    );

  it('caller number, read back, 1 confirms; earliest = next opening; confirmation; registered', () => {
    const call = new TestCall(flow({}), undefined, { at: Date.parse('2025-01-14T19:00:00Z') }).start();
    expect(call.lastPlayText()).toBe('Nous vous rappellerons au | digits:0612345678 | Tapez 1 pour confirmer, 2 pour saisir un autre numéro.');
    call.press('1');
    const create = call.of('createCallback')[0];
    expect(create).toMatchObject({ groupId: 'grp_support', number: '+33612345678', maxAttempts: 3, retryIntervalMinutes: 15 });
    expect(new Date(create.earliestAt).toISOString()).toBe('2025-01-15T08:00:00.000Z');
    call.send({ type: 'callbackCreated', requestId: create.requestId, ok: true, callbackId: 'cb_1' });
    expect(call.lastPlayText()).toBe('Votre demande de rappel est enregistrée.');
    call.finishPrompt();
    expect(call.taken()).toEqual(['cb:registered']);
  });

  it('2 → types another number, validated and read back', () => {
    const call = new TestCall(flow({})).start().press('2');
    expect(call.lastPlayText()).toBe('Tapez le numéro auquel vous rappeler, suivi de dièse.');
    call.press('0145454545#');
    expect(call.lastPlayText()).toContain('digits:0145454545');
    call.press('1');
    expect(call.of('createCallback')[0].number).toBe('+33145454545');
  });

  it('typed number: invalid → retype; too many attempts → failed', () => {
    const call = new TestCall(flow({ numberSource: 'typed', confirmNumber: false })).start().press('123#');
    expect(call.lastPlayText()).toMatch(/^Saisie non valide\./);
    call.press('99#');
    expect(call.taken()).toEqual(['cb:failed']);
  });

  it('typed number forbidden by the transfer policy is refused', () => {
    const f = buildFlow(
      [
        { id: 'p', type: 'forbidden-transfer', config: { presets: ['premium-rate'] } },
        { id: 'cb', type: 'callback', config: { groupId: 'grp_support', numberSource: 'typed', confirmNumber: false, retries: 0 } },
        bye('ok'),
        bye('ko'),
      ],
      [
        ['p', 'next', 'cb'],
        ['cb', 'registered', 'ok'],
        ['cb', 'failed', 'ko'],
      ],
    );
    const call = new TestCall(f).start().press('0899123456#');
    expect(call.taken()).toEqual(['p:next', 'cb:failed']);
    expect(call.of('createCallback')).toHaveLength(0);
  });

  it('anonymous caller: asks for a number, or fails without askIfAnonymous', () => {
    expect(new TestCall(flow({ askIfAnonymous: false })).start({ caller: null }).taken()).toEqual(['cb:failed']);
    const asked = new TestCall(flow({ confirmNumber: false })).start({ caller: null }).finishPrompt().press('0612121212').advance(10);
    expect(asked.of('createCallback')[0].number).toBe('+33612121212');
  });

  it('store fails or does not answer → failed; no key at confirmation → failed after retries', () => {
    const failing = new TestCall(flow({ confirmNumber: false })).start();
    failing.send({ type: 'callbackCreated', requestId: failing.of('createCallback')[0].requestId, ok: false });
    expect(failing.taken()).toEqual(['cb:failed']);
    expect(new TestCall(flow({ confirmNumber: false })).start().advance(10).taken()).toEqual(['cb:failed']);
    expect(new TestCall(flow({})).start().finishPrompt().advance(10).finishPrompt().advance(10).taken()).toEqual(['cb:failed']);
  });
});

describe('sms', () => {
  const flow = (to: Record<string, unknown>, withFailed = true) =>
    buildFlow(
      [{ id: 's', type: 'sms', config: { to, fromNumberId: 'num_standard', template: 'Réf. {{callId}} pour {{caller}}' } }, bye('sent'), bye('failed')],
      [['s', 'sent', 'sent'], ...(withFailed ? ([['s', 'failed', 'failed']] as Array<[string, string, string]>) : [])],
    );
  it('sends the rendered template to the caller → sent', () => {
    const call = new TestCall(flow({ kind: 'caller' })).start();
    const send = call.of('sendSms')[0];
    expect(send).toMatchObject({ to: '+33612345678', fromNumberId: 'num_standard', text: 'Réf. call-1 pour +33612345678' });
    call.send({ type: 'smsResult', requestId: send.requestId, ok: true });
    expect(call.taken()).toEqual(['s:sent']);
  });
  it('failure, no answer or an anonymous caller → failed (falls back to sent when unconnected)', () => {
    const failed = new TestCall(flow({ kind: 'fixed', number: '+33700000000' })).start();
    failed.send({ type: 'smsResult', requestId: failed.of('sendSms')[0].requestId, ok: false });
    expect(failed.taken()).toEqual(['s:failed']);
    expect(new TestCall(flow({ kind: 'caller' })).start().advance(15).taken()).toEqual(['s:failed']);
    expect(new TestCall(flow({ kind: 'caller' })).start({ caller: null }).taken()).toEqual(['s:failed']);
    expect(new TestCall(flow({ kind: 'caller' }, false)).start({ caller: null }).taken()).toEqual(['s:sent']);
  });
});

describe('http-request', () => {
  const flow = (config: Record<string, unknown> = {}) =>
    buildFlow(
      [
        {
          id: 'h',
          type: 'http-request',
          config: {
            method: 'POST',
            url: 'https://crm.example.com/find?phone={{caller}}',
            headers: [
              { name: 'Authorization', value: 'Bearer s3cret', secret: true },
              { name: 'X-Call', value: '{{callId}}' },
            ],
            body: '{"caller":"{{caller}}"}',
            timeoutSeconds: 4,
            statusVariable: 'httpStatus',
            responseMappings: [
              { pointer: '/customer/tier', variable: 'tier' },
              { pointer: '/balance', variable: 'balance' },
            ],
            ...config,
          },
        },
        bye('success'),
        bye('error'),
        bye('timeout'),
      ],
      [
        ['h', 'success', 'success'],
        ['h', 'error', 'error'],
        ['h', 'timeout', 'timeout'],
      ],
    );

  it('2xx: maps JSON fields into variables → success; secrets never in the path', () => {
    const call = new TestCall(flow()).start();
    const request = call.of('httpRequest')[0];
    expect(request).toMatchObject({ method: 'POST', url: 'https://crm.example.com/find?phone=%2B33612345678', body: '{"caller":"+33612345678"}', timeoutMs: 4000 });
    expect(request.headers).toContainEqual({ name: 'Authorization', value: 'Bearer s3cret', secret: true });
    expect(request.headers).toContainEqual({ name: 'Content-Type', value: 'application/json', secret: false });
    expect(JSON.stringify(redactEffect(request))).not.toContain('s3cret');
    expect(JSON.stringify(redactEffect(request))).toContain(REDACTED);
    call.send({ type: 'httpResponse', requestId: request.requestId, status: 200, body: '{"customer":{"tier":"gold"},"balance":-12.5}' });
    expect(call.state.variables).toMatchObject({ tier: 'gold', balance: -12.5, httpStatus: 200 });
    expect(call.taken()).toEqual(['h:success']);
    expect(JSON.stringify(call.path())).not.toContain('s3cret');
  });

  it('4xx → error at once; 5xx and network errors are retried, then error', () => {
    const notFound = new TestCall(flow({ retries: 2 })).start();
    notFound.send({ type: 'httpResponse', requestId: notFound.of('httpRequest')[0].requestId, status: 404, body: '' });
    expect(notFound.taken()).toEqual(['h:error']);
    expect(notFound.state.variables.httpStatus).toBe(404);
    const flaky = new TestCall(flow({ retries: 1 })).start();
    flaky.send({ type: 'httpResponse', requestId: flaky.of('httpRequest')[0].requestId, status: 503, body: '' });
    expect(flaky.of('httpRequest')).toHaveLength(2);
    flaky.send({ type: 'httpResponse', requestId: flaky.of('httpRequest')[0].requestId, status: 200, body: '{}' }); // stale: ignored
    expect(flaky.taken()).toEqual([]);
    flaky.send({ type: 'httpError', requestId: flaky.of('httpRequest')[1].requestId, reason: 'network' });
    expect(flaky.taken()).toEqual(['h:error']);
  });

  it('a refusal by the outbound policy → error at once (no retry), the reason in the path', () => {
    const call = new TestCall(flow({ retries: 2 })).start();
    call.send({ type: 'httpError', requestId: call.of('httpRequest')[0].requestId, reason: 'refused', detail: 'address 127.0.0.1 refused: loopback' });
    expect(call.of('httpRequest')).toHaveLength(1);
    expect(call.taken()).toEqual(['h:error']);
    expect(call.path()).toContainEqual(expect.objectContaining({ kind: 'output-taken', nodeId: 'h', output: 'error', data: { status: null, reason: 'address 127.0.0.1 refused: loopback' } }));
  });

  it('template values in the URL are URL-encoded: a hostile caller cannot add parameters or path segments', () => {
    const call = new TestCall(flow({ url: 'https://crm.example.com/c/{{caller}}?phone={{caller}}' })).start({ caller: '1/../admin?x=1&token=2#' });
    expect(call.of('httpRequest')[0].url).toBe('https://crm.example.com/c/1%2F..%2Fadmin%3Fx%3D1%26token%3D2%23?phone=1%2F..%2Fadmin%3Fx%3D1%26token%3D2%23');
  });

  it('no answer within timeoutSeconds → retry, then timeout; a port timeout too', () => {
    expect(new TestCall(flow({ retries: 1 })).start().advance(4).advance(4).taken()).toEqual(['h:timeout']);
    const portTimeout = new TestCall(flow()).start();
    portTimeout.send({ type: 'httpError', requestId: portTimeout.of('httpRequest')[0].requestId, reason: 'timeout' });
    expect(portTimeout.taken()).toEqual(['h:timeout']);
  });

  it('a body that is not JSON: mapped variables are null, still success', () => {
    const call = new TestCall(flow()).start();
    call.send({ type: 'httpResponse', requestId: call.of('httpRequest')[0].requestId, status: 200, body: '<html>' });
    expect(call.state.variables.tier).toBeNull();
    expect(call.taken()).toEqual(['h:success']);
  });
});
