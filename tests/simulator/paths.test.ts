// The simulator on the fixture flows: the paths a user would try in the editor (business
// hours, holidays, keys, nobody answering, callbacks, HTTP answers typed in, time zones),
// and its bounds (a run stops after MAX_EVENTS events; bad input names its field).
import { describe, expect, it } from 'vitest';
import type { LoadedFlow } from '@/flow-runtime/interpreter';
import { loadFlow } from '@/flow-runtime/interpreter';
import { Simulator, SimulationInputError, type SimulationInput, type SimulationResult } from '@/flow-runtime/simulator';
import { loadGoodFlows } from '@/tests/fixtures';
import { fixtureContext } from '@/tests/runtime/support/context';
import { loadFixtureFlows } from './support/scenario';

const docs = Object.fromEntries(loadGoodFlows().map((f) => [f.name, f.flow]));
const flows = loadFixtureFlows(docs);
const context = fixtureContext();
const TUESDAY_10 = '2025-01-14T10:00';
const EASTER_MONDAY_10 = '2025-04-21T10:00';

function sim(name: string, input: Partial<SimulationInput> = {}): Simulator {
  return new Simulator({
    flow: flows.get(name) as LoadedFlow,
    context,
    flows: Object.fromEntries(flows),
    input: { caller: '+33612345678', called: '+33184000000', at: TUESDAY_10, actions: [], ...input },
  });
}

const kinds = (r: SimulationResult, kind: string) => r.transcript.filter((t) => t.kind === kind);

describe('Simulator on the fixture flows', () => {
  it('runs by itself until the caller has to choose, then follows the key pressed', async () => {
    const s = sim('reception-fr');
    const waiting = await s.start();
    expect(waiting).toMatchObject({ status: 'waiting', waiting: 'caller', currentNodeId: 'menu', visited: ['welcome', 'hours', 'menu'], endNodeId: null });
    expect(kinds(waiting, 'prompt').map((p) => p.nodeId)).toEqual(['welcome', 'menu']);
    expect(kinds(waiting, 'prompt')[1].text).toContain('tapez 2');
    const done = await s.press('2');
    expect(done).toMatchObject({ status: 'ended', waiting: 'ended', endNodeId: 'support', outcome: 'answered', endReason: 'bridge-ended' });
    expect(done.outputsTaken).toEqual(['welcome:next', 'hours:open', 'menu:2', 'support:answered']);
    expect(kinds(done, 'bridge').map((b) => b.data?.agentId)).toEqual(['agt_lucas']);
    expect(kinds(done, 'key').map((k) => k.text)).toEqual(['2']);
    // the record as the runtime would store it
    expect(done.path[0]).toMatchObject({ kind: 'call-started', data: { caller: '+33612345678', called: '+33184000000' } });
    expect(done.path.at(-1)).toMatchObject({ kind: 'call-ended', data: { outcome: 'answered', reason: 'bridge-ended' } });
    // the conversation lasts talkSeconds (60 s by default), simulated, not waited
    expect(done.durationMs).toBeGreaterThan(60_000);
  });

  it('on a public holiday the closed message then the voicemail: the message is recorded, never stored for real', async () => {
    const s = sim('reception-fr', { at: EASTER_MONDAY_10 });
    const r = await s.start();
    expect(r).toMatchObject({ status: 'ended', endNodeId: 'voicemail', outcome: null, endReason: 'flow-hangup' });
    expect(r.visited).toEqual(['welcome', 'hours', 'closed', 'voicemail']);
    expect(r.outputsTaken).toContain('hours:holiday');
    expect(kinds(r, 'voicemail').some((v) => v.data?.event === 'stored')).toBe(true);
    expect(r.path.some((e) => e.kind === 'voicemail')).toBe(true);
  });

  it('a weekday pressing 2 with nobody answering: every support agent rings twice, then the voicemail (no answer)', async () => {
    const s = sim('reception-fr', { answer: 'nobody' });
    await s.start();
    const r = await s.press('2');
    expect(r).toMatchObject({ status: 'ended', endNodeId: 'voicemail', outcome: 'no_answer' });
    expect(r.visited).toEqual(['welcome', 'hours', 'menu', 'support', 'voicemail']);
    expect(kinds(r, 'ring').map((x) => x.text)).toEqual(['agt_lucas', 'agt_sophie', 'agt_hugo', 'agt_lucas', 'agt_sophie', 'agt_hugo']);
    expect(kinds(r, 'leg').every((l) => l.data?.result === 'no_answer')).toBe(true);
    // 6 × 20 s of ringing, fast-forwarded
    expect(r.durationMs).toBeGreaterThan(120_000);
  });

  it('the time is local to the time zone given: 13:00 in New York is 19:00 in Paris, closed', async () => {
    const open = await sim('reception-fr', { at: '2025-01-14T04:00', timezone: 'America/New_York' }).start();
    expect(open.visited).toEqual(['welcome', 'hours', 'menu']);
    const closed = await sim('reception-fr', { at: '2025-01-14T13:00', timezone: 'America/New_York' }).start();
    expect(closed.outputsTaken).toContain('hours:closed');
  });

  it('silence fires the menu timeout at once; invalid keys replay the menu then go to reception', async () => {
    const s = sim('reception-fr');
    await s.start();
    let r = await s.silence();
    expect(r).toMatchObject({ status: 'waiting', currentNodeId: 'menu' });
    expect(kinds(r, 'silence')).toHaveLength(1);
    expect(kinds(r, 'silence')[0].data?.seconds).toBe(6); // the menu's timeoutSeconds
    r = await s.press('7');
    r = await s.press('8');
    expect(r).toMatchObject({ status: 'ended', endNodeId: 'reception', outcome: 'answered' });
    expect(r.outputsTaken).toContain('menu:invalid');
  });

  it('an agent override decides who answers; presence overrides change the path', async () => {
    const s = sim('reception-fr', { answer: 'agt_sophie' });
    await s.start();
    const sales = await s.press('1');
    expect(kinds(sales, 'bridge').map((b) => b.data?.agentId)).toEqual(['agt_sophie']);
    const busy = sim('reception-fr', { agents: { agt_marie: 'busy', agt_sophie: 'offline' } });
    await busy.start();
    const rb = await busy.press('1');
    // busy (falls back to the connected no_answer output), then the voicemail; the outcome says busy
    expect(rb.outputsTaken).toContain('sales:no_answer');
    expect(rb.path.find((e) => e.kind === 'output-taken' && e.nodeId === 'sales')?.data).toMatchObject({ requested: 'busy' });
    expect(rb).toMatchObject({ endNodeId: 'voicemail', outcome: 'busy' });
  });

  it('the callback flow: the queue nobody answers, key 1 for a callback, 1 to confirm; SMS and callback only in the transcript', async () => {
    const s = sim('callback', { answer: 'nobody' });
    await s.start();
    const used = await s.runActions([{ kind: 'dtmf', digits: '1' }, { kind: 'dtmf', digits: '1' }]);
    expect(used).toBe(2);
    const r = s.result();
    expect(r.visited).toEqual(['welcome', 'hours', 'queue', 'offer', 'callback', 'sms', 'bye']);
    expect(r).toMatchObject({ status: 'ended', outcome: 'no_answer', unusedActions: 0 });
    expect(kinds(r, 'callback')).toEqual([expect.objectContaining({ nodeId: 'callback', text: '+33612345678' })]);
    expect(kinds(r, 'sms')).toEqual([expect.objectContaining({ nodeId: 'sms', data: expect.objectContaining({ to: '+33612345678' }) })]);
  });

  it('HTTP: a typed answer is used for its node; without one the request is refused (error path), never sent', async () => {
    const vip = await sim('http-condition', { http: [{ nodeId: 'lookup', status: 200, body: '{"customer":{"tier":"gold"}}' }] }).start();
    expect(vip.visited).toEqual(['lookup', 'route', 'tag', 'vip']);
    expect(vip.variables).toMatchObject({ tier: 'gold', priority: 'high', crmStatus: 200 });
    const http = kinds(vip, 'http');
    expect(http[0].data).toMatchObject({ event: 'request', method: 'GET' });
    // the secret Authorization header is masked in the transcript
    expect(JSON.stringify(http[0].data)).not.toContain('demo-token');
    const refused = await sim('http-condition').start();
    expect(refused.outputsTaken[0]).toBe('lookup:error');
    expect(kinds(refused, 'http')[1].data).toMatchObject({ event: 'error', error: 'refused' });
  });

  it('HTTP through the `http` option: the request is handed over, the call waits for it', async () => {
    const requests: string[] = [];
    const states: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const s = new Simulator({
      flow: flows.get('http-condition') as LoadedFlow,
      context,
      input: { caller: '+33612345678', called: '+33184000000', at: TUESDAY_10, actions: [] },
      http: async (effect) => {
        requests.push(`${effect.method} ${effect.url}`);
        await gate;
        return { status: 200, body: '{"customer":{"tier":"silver","balance":-5}}' };
      },
    });
    s.subscribe((r) => states.push(r.waiting));
    const started = s.start();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(s.waiting).toBe('http');
    release();
    const r = await started;
    expect(requests).toEqual(['GET https://crm.example.com/api/customers?phone=%2B33612345678']);
    expect(states).toContain('http');
    expect(r.visited).toEqual(['lookup', 'route', 'debt', 'reception']);
    expect(s.usedInput().http).toEqual([{ nodeId: 'lookup', status: 200, body: '{"customer":{"tier":"silver","balance":-5}}' }]);
  });

  it('a real HTTP answer later than the step timeout is dropped: the step times out, as on a live call', async () => {
    const flow = loadFlow(
      {
        schemaVersion: 1,
        name: 'Slow',
        entry: 'lookup',
        nodes: [
          { id: 'lookup', type: 'http-request', position: { x: 0, y: 0 }, config: { url: 'https://crm.example.com/slow', timeoutSeconds: 0.2 } },
          { id: 'ok', type: 'hangup', position: { x: 0, y: 100 }, config: {} },
          { id: 'late', type: 'hangup', position: { x: 200, y: 100 }, config: {} },
        ],
        edges: [
          { id: 'e1', source: 'lookup', sourceOutput: 'success', target: 'ok' },
          { id: 'e2', source: 'lookup', sourceOutput: 'timeout', target: 'late' },
          { id: 'e3', source: 'lookup', sourceOutput: 'error', target: 'ok' },
        ],
      },
      { flowId: 'slow' },
    );
    const s = new Simulator({
      flow,
      context,
      input: { caller: null, called: '+33184000000', at: TUESDAY_10, actions: [] },
      http: () => new Promise((resolve) => setTimeout(() => resolve({ status: 200, body: '{}' }), 400)),
    });
    const r = await s.start();
    expect(r).toMatchObject({ status: 'ended', endNodeId: 'late' });
    expect(r.outputsTaken).toEqual(['lookup:timeout']);
    expect(s.usedInput().http).toEqual([{ nodeId: 'lookup', error: 'timeout' }]);
  });

  it('a redirect to another flow continues in that flow', async () => {
    // all-steps: key 2 → split (seed 3 → branch b) → redirect → flow_astreinte (the demo flow)
    let r: SimulationResult | null = null;
    for (let seed = 1; seed < 40 && !r; seed++) {
      const s = sim('all-steps', { caller: '+33145454545', seed, answer: 'nobody' });
      await s.start();
      const res = await s.press('2');
      if (res.outputsTaken.includes('split:b')) r = res;
    }
    expect(r).not.toBeNull();
    expect(r!.outputsTaken).toContain('redirect:flow');
    expect(r!.path.some((e) => e.kind === 'flow-entered' && e.data?.flowId === 'flow_astreinte')).toBe(true);
    expect(kinds(r!, 'transfer').map((t) => t.data?.event)).toEqual(['load', 'loaded']);
  });

  it('the hidden number and the caller hanging up', async () => {
    const s = sim('demo', { caller: null });
    await s.start();
    const r = await s.hangup();
    expect(r).toMatchObject({ status: 'ended', outcome: 'abandoned', endReason: 'caller-hangup', endNodeId: 'menu' });
    expect(r.path[0].data?.caller).toBeNull();
    // actions after the end are not used
    expect(await s.runActions([{ kind: 'dtmf', digits: '1' }])).toBe(0);
    expect(s.result().unusedActions).toBe(1);
  });

  it('stops after MAX_EVENTS events with a note, never hangs', async () => {
    const loop = loadFlow(
      {
        schemaVersion: 1,
        name: 'Loop',
        entry: 'a',
        settings: { maxSteps: 100000 },
        nodes: [
          { id: 'a', type: 'message', position: { x: 0, y: 0 }, config: { prompt: { kind: 'tts', text: { fr: 'A' } } } },
          { id: 'b', type: 'message', position: { x: 0, y: 100 }, config: { prompt: { kind: 'tts', text: { fr: 'B' } } } },
        ],
        edges: [
          { id: 'e1', source: 'a', sourceOutput: 'next', target: 'b' },
          { id: 'e2', source: 'b', sourceOutput: 'next', target: 'a' },
        ],
      },
      { flowId: 'loop' },
    );
    const s = new Simulator({ flow: loop, context, input: { caller: null, called: '+33184000000', at: TUESDAY_10, actions: [] }, maxEvents: 2000 });
    const r = await s.start();
    expect(r.status).toBe('ended');
    expect(r.transcript.at(-1)).toMatchObject({ kind: 'note', data: { event: 'max-events' } });
    expect(s.trace().length).toBe(2000);
  });

  it('bad input names the field', () => {
    expect(() => sim('demo', { at: 'demain 10h' })).toThrow(SimulationInputError);
    expect(() => sim('demo', { at: 'demain 10h' })).toThrow(/^at: /);
    expect(() => sim('demo', { timezone: 'Mars/Olympus' })).toThrow(/^timezone: /);
    expect(() => sim('demo', { at: '2025-02-30T10:00' })).toThrow(/^at: /);
  });

  it('sensitive digits are masked in the transcript and the variables', async () => {
    const flow = loadFlow(
      {
        schemaVersion: 1,
        name: 'Pin',
        entry: 'pin',
        nodes: [
          { id: 'pin', type: 'input', position: { x: 0, y: 0 }, config: { prompt: { kind: 'tts', text: { fr: 'Code ?' } }, variable: 'pin', sensitive: true, maxLength: 4 } },
          { id: 'bye', type: 'hangup', position: { x: 0, y: 100 }, config: {} },
        ],
        edges: [{ id: 'e1', source: 'pin', sourceOutput: 'ok', target: 'bye' }],
      },
      { flowId: 'pin' },
    );
    const s = new Simulator({ flow, context, input: { caller: null, called: '+33184000000', at: TUESDAY_10, actions: [] } });
    await s.start();
    const r = await s.press('1234');
    expect(r.variables.pin).toBe('••••');
    expect(JSON.stringify(r.transcript)).not.toContain('1234');
    expect(JSON.stringify(r.path)).not.toContain('1234');
  });
});
