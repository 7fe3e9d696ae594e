// Flow interpreter figures: transitions per second on the fixture flows, time to load and
// validate a 2,000-node flow, memory per 10,000 concurrent in-memory call sessions.
// Run: npx tsx bench/run.ts interpreter   (memory is measured in a child `node --expose-gc`).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createCallState, loadFlow, transition, type CallEvent, type CallState, type LoadedFlow } from '../flow-runtime/interpreter';
import { CallSession } from '../flow-runtime/session';
import { createInMemoryPorts } from '../flow-runtime/session/in-memory';
import { fixtureContext, T_OPEN } from '../tests/runtime/support/context';
import { loadGoodFlows } from '../tests/fixtures';
import { generateLargeFlow } from '../tests/fixtures/generate-large-flow';
import { FIXTURE_REFERENCES } from '../tests/fixtures/references';

const context = fixtureContext();

function fixtureFlows(): LoadedFlow[] {
  const flows = loadGoodFlows().map((f) => loadFlow(f.flow, { flowId: f.name, references: FIXTURE_REFERENCES }));
  return flows;
}

/** One whole call driven to its end with pure transitions: prompts finish, keys pressed, services answer, timers fire. Returns transitions made. */
function driveCall(flow: LoadedFlow, seed: number): number {
  let state: CallState = createCallState('bench');
  let now = T_OPEN;
  const timers = new Map<string, number>();
  const pending: Record<string, string> = {};
  let looping = false;
  let count = 0;
  const send = (event: CallEvent) => {
    const [next, effects] = transition(flow, state, event, context);
    state = next;
    count++;
    for (const e of effects) {
      if (e.type === 'startTimer') timers.set(e.timerId, now + e.ms);
      else if (e.type === 'cancelTimer') timers.delete(e.timerId);
      else if (e.type === 'httpRequest') pending.http = e.requestId;
      else if (e.type === 'sendSms') pending.sms = e.requestId;
      else if (e.type === 'createCallback') pending.callback = e.requestId;
      else if (e.type === 'record') pending.recording = e.recordingId;
      else if (e.type === 'play') looping = e.loop;
    }
  };
  send({ type: 'callStarted', at: now, callId: 'bench', caller: '+33145454545', called: '+33184000000', seed });
  const keys = ['9', '1', '2', '3'];
  for (let i = 0; i < 500 && state.status === 'running'; i++) {
    const at = now;
    const reply = (key: string, event: CallEvent) => {
      delete pending[key];
      send(event);
    };
    if (pending.http) reply('http', { type: 'httpResponse', at, requestId: pending.http, status: 200, body: '{"customer":{"tier":"gold"}}' });
    else if (pending.sms) reply('sms', { type: 'smsResult', at, requestId: pending.sms, ok: true });
    else if (pending.callback) reply('callback', { type: 'callbackCreated', at, requestId: pending.callback, ok: true });
    else if (pending.recording) reply('recording', { type: 'recordingFinished', at, recordingId: pending.recording, reason: 'silence', durationMs: 3000 });
    else if (state.step?.type === 'queue-group' && state.queueId && !pending.offered) {
      pending.offered = 'yes';
      send({ type: 'agentAvailable', at, queueId: state.queueId, agentId: 'agt_hugo', offerId: 'o1' });
    } else if (state.legs.length > 0) send({ type: 'legFailed', at, legId: state.legs[0], reason: 'no_answer' });
    else if (state.playing && state.step?.type === 'menu') send({ type: 'dtmf', at, key: keys[(seed + i) % keys.length] });
    else if (state.playing && !looping) send({ type: 'promptFinished', at, playId: state.playing });
    else {
      let next: [string, number] | null = null;
      for (const entry of timers) if (!next || entry[1] < next[1]) next = entry;
      if (!next) break;
      timers.delete(next[0]);
      now = Math.max(now, next[1]);
      send({ type: 'timerFired', at: now, timerId: next[0] });
    }
  }
  if (state.status !== 'ended') send({ type: 'callerHangup', at: now });
  return count;
}

function benchTransitions(): void {
  for (const flow of fixtureFlows()) {
    for (let i = 0; i < 200; i++) driveCall(flow, i); // warm-up
    let transitions = 0;
    let calls = 0;
    const start = performance.now();
    while (performance.now() - start < 700) {
      transitions += driveCall(flow, calls);
      calls++;
    }
    const seconds = (performance.now() - start) / 1000;
    console.log(
      `transitions ${flow.id.padEnd(15)} ${Math.round(transitions / seconds).toLocaleString('en-US').padStart(10)} transitions/s ` +
        `(${Math.round(calls / seconds).toLocaleString('en-US')} whole calls/s, ${(transitions / calls).toFixed(1)} transitions per call)`,
    );
  }
}

function benchLoad(): void {
  const doc = generateLargeFlow(2000);
  const json = JSON.stringify(doc);
  const times: number[] = [];
  for (let i = 0; i < 12; i++) {
    const start = performance.now();
    loadFlow(JSON.parse(json), { references: FIXTURE_REFERENCES });
    times.push(performance.now() - start);
  }
  const warm = times.slice(2).sort((a, b) => a - b);
  console.log(
    `loadFlow 2,000 nodes / ${doc.edges.length} edges (JSON.parse + validateFlow + defaults + index): ` +
      `first ${times[0].toFixed(1)} ms, median ${warm[Math.floor(warm.length / 2)].toFixed(1)} ms, max ${warm[warm.length - 1].toFixed(1)} ms`,
  );
}

const SESSIONS = 10_000;

/** In the child (node --expose-gc): 10,000 sessions waiting in the demo menu and 10,000 waiting in a queue. */
const SCENARIOS = [
  ['menu (demo flow, waiting for a key)', 'demo', 2500],
  ['queue (callback flow, on hold in the queue)', 'callback', 2500],
] as const;

async function measureMemory(scenario: number): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  const flows = new Map(fixtureFlows().map((f) => [f.id, f]));
  const results: Record<string, number> = {};
  for (const [name, flowId, waitMs] of [SCENARIOS[scenario]]) {
    const ports = createInMemoryPorts({ quiet: true });
    const flow = flows.get(flowId) as LoadedFlow;
    gc?.();
    const before = process.memoryUsage().heapUsed;
    const sessions: CallSession[] = [];
    for (let i = 0; i < SESSIONS; i++) {
      const session = new CallSession({ callId: `c${i}`, flow, context, ports, keepPath: false });
      session.start({ caller: `+3314545${String(i).padStart(4, '0')}`, called: '+33184000000' });
      sessions.push(session);
    }
    await ports.clock.advance(waitMs);
    gc?.();
    const after = process.memoryUsage().heapUsed;
    const running = sessions.filter((s) => s.state.status === 'running').length;
    results[name] = (after - before) / SESSIONS;
    results[`${name} running`] = running;
  }
  console.log(JSON.stringify({ gc: Boolean(gc), results }));
}

export default async function benchInterpreter(): Promise<void> {
  benchTransitions();
  benchLoad();
  const self = fileURLToPath(import.meta.url);
  for (let scenario = 0; scenario < SCENARIOS.length; scenario++) {
  const child = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', self, '--memory-child', String(scenario)], { encoding: 'utf8', timeout: 40_000 });
  const line = child.stdout.split('\n').find((l) => l.startsWith('{'));
  if (!line) {
    console.log(`memory: child failed (${child.status}): ${child.stderr.slice(0, 500)}`);
    continue;
  }
  const { gc, results } = JSON.parse(line) as { gc: boolean; results: Record<string, number> };
  for (const [name, value] of Object.entries(results)) {
    if (name.endsWith(' running')) continue;
    console.log(
      `memory per call session, ${SESSIONS.toLocaleString('en-US')} concurrent, ${name}: ${(value / 1024).toFixed(2)} KiB ` +
        `(${((value * SESSIONS) / 1024 / 1024).toFixed(1)} MiB in all; ${results[`${name} running`]} still running${gc ? '' : '; no --expose-gc, rough'})`,
    );
  }
  }
}

const childIndex = process.argv.indexOf('--memory-child');
if (childIndex >= 0) await measureMemory(Number(process.argv[childIndex + 1] ?? 0));
