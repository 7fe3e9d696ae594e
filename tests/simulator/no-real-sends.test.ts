// A simulated call never sends SIP, SMS or a real callback (issue 17). While every fixture
// flow runs with many simulated calls (agents answering, SMS steps, callbacks, voicemail,
// HTTP steps, redirects), no socket is opened, no datagram sent, no fetch made: the
// simulator's ports never reach a real one. SMS and callbacks land only in the transcript.
// (browser.test.ts checks too that no SIP, trunk, SMS, callback or database module is in the
// simulator's module graph.)
import dgram from 'node:dgram';
import net from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadGoodFlows } from '@/tests/fixtures';
import { fixtureContext } from '@/tests/runtime/support/context';
import { FIXTURE_NAMES, scenario } from './support/arbitrary';
import { loadFixtureFlows, runScenario, type Scenario } from './support/scenario';

const attempts: string[] = [];
const original = {
  udpSend: dgram.Socket.prototype.send,
  udpBind: dgram.Socket.prototype.bind,
  tcpConnect: net.Socket.prototype.connect,
  fetch: globalThis.fetch,
};

beforeAll(() => {
  dgram.Socket.prototype.send = function (...args: unknown[]) {
    attempts.push(`udp send ${String(args[1] ?? '')}`);
    throw new Error('no datagram during a simulation');
  } as typeof dgram.Socket.prototype.send;
  dgram.Socket.prototype.bind = function () {
    attempts.push('udp bind');
    throw new Error('no socket during a simulation');
  } as typeof dgram.Socket.prototype.bind;
  net.Socket.prototype.connect = function (...args: unknown[]) {
    attempts.push(`tcp connect ${JSON.stringify(args[0])}`);
    throw new Error('no connection during a simulation');
  } as typeof net.Socket.prototype.connect;
  globalThis.fetch = (async (input: unknown) => {
    attempts.push(`fetch ${String(input)}`);
    throw new Error('no fetch during a simulation');
  }) as typeof fetch;
});

afterAll(() => {
  dgram.Socket.prototype.send = original.udpSend;
  dgram.Socket.prototype.bind = original.udpBind;
  net.Socket.prototype.connect = original.tcpConnect;
  globalThis.fetch = original.fetch;
});

const docs = Object.fromEntries(loadGoodFlows().map((f) => [f.name, f.flow]));
const base = { caller: '+33612345678', called: '+33184000000', at: '2025-01-14T10:00' };

describe('a simulated call never reaches a real system', () => {
  it('the watch works: a connection attempt is seen', () => {
    expect(() => net.connect({ host: '127.0.0.1', port: 9 })).toThrow();
    expect(attempts.splice(0)).toEqual([expect.stringContaining('tcp connect')]);
  });

  it('every fixture flow, many calls: no socket, no datagram, no fetch; SMS and callbacks only in the transcript', async () => {
    const flows = loadFixtureFlows(docs);
    const context = fixtureContext();
    const scenarios: Scenario[] = [
      // callback flow: queue nobody answers → callback confirmed → SMS confirmation
      { flow: 'callback', input: { ...base, answer: 'nobody', actions: [{ kind: 'dtmf', digits: '1' }, { kind: 'dtmf', digits: '1' }] } },
      // all-steps: order 12345678 → lookup answers "shipped" → SMS
      {
        flow: 'all-steps',
        input: { ...base, caller: '+33145454545', actions: [{ kind: 'dtmf', digits: '1' }, { kind: 'dtmf', digits: '12345678#' }], http: [{ nodeId: 'lookup', status: 200, body: '{"status":"shipped"}' }] },
      },
      // all-steps: typed callback number
      { flow: 'all-steps', input: { ...base, caller: '+33145454545', actions: [{ kind: 'dtmf', digits: '3' }, { kind: 'dtmf', digits: '0145454545#' }, { kind: 'dtmf', digits: '1' }] } },
      ...FIXTURE_NAMES.map((flow) => ({ flow, input: { ...base, actions: [{ kind: 'dtmf' as const, digits: '1' }] } })),
      ...fc.sample(scenario, { numRuns: 200, seed: 1717 }),
    ];
    let sms = 0;
    let callbacks = 0;
    for (const s of scenarios) {
      const { result, trace } = await runScenario(flows, context, s);
      const effects = trace.flatMap((t) => t.effects);
      const smsEffects = effects.filter((e) => e.type === 'sendSms');
      const callbackEffects = effects.filter((e) => e.type === 'createCallback');
      expect(result.transcript.filter((t) => t.kind === 'sms')).toHaveLength(smsEffects.length);
      expect(result.transcript.filter((t) => t.kind === 'callback')).toHaveLength(callbackEffects.length);
      sms += smsEffects.length;
      callbacks += callbackEffects.length;
    }
    expect(sms).toBeGreaterThanOrEqual(2);
    expect(callbacks).toBeGreaterThanOrEqual(2);
    expect(attempts).toEqual([]);
  }, 120_000);
});
