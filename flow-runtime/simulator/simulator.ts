// The simulator (issue 17): runs a flow on the runtime's own CallSession and transition(),
// with simulated ports (ports.ts) and a simulated clock (clock.ts) that starts at the input's
// local date and time. It runs the call by itself until the call waits for the caller (a step
// collects digits and nothing else is pending), then stops:
//   await sim.start(); await sim.press('2'); await sim.silence(); await sim.hangup();
//   sim.result(); sim.subscribe(listener); await sim.runActions(actions)
// Timeouts are fast-forwarded, never waited; at most MAX_EVENTS events per run.
// Pure and browser-safe: no node: imports, no Prisma, no real network (HTTP only through the
// `http` option or the input's typed answers).
import { DateTime } from 'luxon';
import type { CallContext, CallEvent, CallState, Effect, LegRequest, LoadedFlow, Value } from '../interpreter';
import { mask } from '../interpreter/step-run';
import { CallSession, type SessionSnapshot } from '../session/call-session';
import { SimClock } from './clock';
import { SimPorts } from './ports';
import { transcriptLines } from './transcript';
import type { CallerAction, SimulationInput, SimulationResult, SimulationWaiting, TranscriptEntry, TypedHttpAnswer } from './types';

export type HttpRequestEffect = Extract<Effect, { type: 'httpRequest' }>;
export type SimulatorHttpAnswer = { status: number; body: string } | { error: 'network' | 'timeout' | 'refused'; detail?: string };
export type SimulatorHttp = (effect: HttpRequestEffect) => Promise<SimulatorHttpAnswer>;

export interface SimulatorOptions {
  flow: LoadedFlow;
  /** The directory (calendars, groups, agents' presence, forbidden lists); input.agents overrides presence. */
  context: CallContext;
  /** Flows a redirect-to-flow step may load, by flow id. */
  flows?: Record<string, LoadedFlow>;
  input: SimulationInput;
  /** Performs an HTTP request step for real (e.g. through the server); else typed answers, else refused. */
  http?: SimulatorHttp;
  /** Bound on processed events (default MAX_EVENTS). */
  maxEvents?: number;
}

export type SimulationListener = (result: SimulationResult) => void;

/** One processed event and the effects it caused (secret header values redacted), for tests and debugging. */
export interface TraceStep {
  event: CallEvent;
  effects: Effect[];
}

export const MAX_EVENTS = 10_000;
/** Simulated delay of a typed HTTP answer. */
export const TYPED_HTTP_MS = 100;
export const SIMULATION_CALL_ID = 'simulation';

/** A bad simulation input (the field and why). */
export class SimulationInputError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
    this.name = 'SimulationInputError';
  }
}

const RESULT_EVENTS = new Set<CallEvent['type']>(['promptFinished', 'recordingFinished', 'httpResponse', 'httpError', 'smsResult', 'callbackCreated', 'flowLoaded']);

function countsPortCall(effect: Effect): boolean {
  switch (effect.type) {
    case 'play':
      return !effect.loop;
    case 'record':
    case 'httpRequest':
    case 'sendSms':
    case 'createCallback':
    case 'loadFlow':
      return true;
    default:
      return false;
  }
}

/** Epoch ms of a local "YYYY-MM-DDTHH:mm[:ss]" in `zone`. */
export function simulationInstant(at: string, zone: string): number {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?$/.test(at)) throw new SimulationInputError('at', `"${at}" is not a local date and time (YYYY-MM-DDTHH:mm)`);
  const dt = DateTime.fromISO(at, { zone });
  if (!dt.isValid) {
    if (dt.invalidReason === 'unsupported zone') throw new SimulationInputError('timezone', `"${zone}" is not a known time zone`);
    throw new SimulationInputError('at', `"${at}" is not a valid date and time (${dt.invalidReason ?? 'invalid'})`);
  }
  return dt.toMillis();
}

/** The directory with the input's presence overrides applied. */
export function contextWithOverrides(context: CallContext, agents: SimulationInput['agents']): CallContext {
  if (!agents || Object.keys(agents).length === 0) return context;
  const merged = { ...context.agents };
  for (const [id, status] of Object.entries(agents)) merged[id] = { ...(merged[id] ?? { id }), id, status };
  return { ...context, agents: merged };
}

export class Simulator {
  readonly input: SimulationInput;
  readonly flow: LoadedFlow;
  readonly context: CallContext;
  private readonly clock: SimClock;
  private readonly session: CallSession;
  private readonly startedAt: number;
  private readonly maxEvents: number;
  private readonly httpHandler?: SimulatorHttp;
  private readonly typedUsed = new Set<TypedHttpAnswer>();
  private readonly legs = new Map<string, LegRequest['target']>();
  private readonly httpNodes = new Map<string, string | undefined>();
  private readonly listeners = new Set<SimulationListener>();
  private readonly transcript: TranscriptEntry[] = [];
  private readonly traceSteps: TraceStep[] = [];
  private state: CallState;
  private events = 0;
  private awaitingCalls = 0;
  private awaitingResults = 0;
  private collectingVisit: number | null = null;
  private lastNodeId: string | null = null;
  private httpInFlight: Promise<void> | null = null;
  private stopped = false;
  private started = false;
  private unused = 0;
  private readonly done: CallerAction[] = [];
  private readonly httpAnswers: TypedHttpAnswer[] = [];
  private chain: Promise<unknown> = Promise.resolve();

  constructor(options: SimulatorOptions) {
    const { input } = options;
    this.input = input;
    this.flow = options.flow;
    this.context = contextWithOverrides(options.context, input.agents);
    this.maxEvents = options.maxEvents ?? MAX_EVENTS;
    this.httpHandler = options.http;
    this.startedAt = simulationInstant(input.at, input.timezone ?? options.context.timezone);
    this.clock = new SimClock(this.startedAt);
    const answer = input.answer ?? 'first';
    const ports = new SimPorts({
      clock: this.clock,
      context: this.context,
      flows: options.flows ?? {},
      answer,
      talkSeconds: input.talkSeconds ?? 60,
      seed: input.seed ?? 1,
      resultSent: () => {
        this.awaitingResults += 1;
      },
      portCalled: () => {
        this.awaitingCalls = Math.max(0, this.awaitingCalls - 1);
      },
      http: (request) => this.performHttp(request as HttpRequestEffect),
    }).ports();
    this.session = new CallSession({
      callId: SIMULATION_CALL_ID,
      flow: options.flow,
      context: this.context,
      ports,
      onError: (error, where) => this.note(`${where}: ${error instanceof Error ? error.message : String(error)}`),
    });
    this.state = this.session.state;
    this.session.subscribe((snapshot) => this.observe(snapshot));
  }

  // ---- public API ------------------------------------------------------------------------

  /** Starts the call and runs it until it waits for the caller or ends. */
  start(): Promise<SimulationResult> {
    return this.serial(() => this.doStart());
  }

  /** The caller types keys (one DTMF event per character, the call running on between keys). */
  press(digits: string): Promise<SimulationResult> {
    return this.serial(() => this.doPress(digits));
  }

  /** The caller says nothing: the earliest pending timer fires at once. */
  silence(): Promise<SimulationResult> {
    return this.serial(() => this.doSilence());
  }

  /** The caller hangs up. */
  hangup(): Promise<SimulationResult> {
    return this.serial(() => this.doHangup());
  }

  /**
   * Applies the actions in order, each when the call waits for the caller (starting the call
   * first if needed); resolves with the number used (the rest are counted in result().unusedActions).
   */
  async runActions(actions: readonly CallerAction[]): Promise<number> {
    let used = 0;
    await this.serial(async () => {
      await this.doStart();
      for (const action of actions) {
        if (this.finished()) break;
        used += 1;
        if (action.kind === 'dtmf') await this.doPress(action.digits);
        else if (action.kind === 'silence') await this.doSilence();
        else await this.doHangup();
      }
      this.unused += actions.length - used;
    });
    return used;
  }

  /** Whether the call waits for the caller (keys, silence or hang-up make sense). */
  get waiting(): SimulationWaiting {
    if (this.finished()) return 'ended';
    return this.httpInFlight ? 'http' : 'caller';
  }

  get ended(): boolean {
    return this.finished();
  }

  subscribe(listener: SimulationListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * The input as used so far, to replay this run: the caller's actions as done, and every HTTP
   * answer received (typed or real) as a typed answer of its node.
   */
  usedInput(): SimulationInput {
    const { http: _typed, ...rest } = this.input;
    const input: SimulationInput = { ...rest, actions: this.done.map((a) => ({ ...a })) };
    if (this.httpAnswers.length > 0) input.http = this.httpAnswers.map((a) => ({ ...a }));
    return input;
  }

  /** Every processed event with its effects (secret header values redacted). */
  trace(): TraceStep[] {
    return this.traceSteps.slice();
  }

  result(): SimulationResult {
    const path = this.session.path.slice();
    const visited: string[] = [];
    const outputsTaken: string[] = [];
    for (const entry of path) {
      if (entry.kind === 'node-entered' && entry.nodeId !== undefined) visited.push(entry.nodeId);
      else if (entry.kind === 'output-taken' && entry.nodeId !== undefined && entry.output !== undefined) outputsTaken.push(`${entry.nodeId}:${entry.output}`);
    }
    const state = this.state;
    const variables: Record<string, Value> = {};
    for (const [name, value] of Object.entries(state.variables)) variables[name] = state.sensitive.includes(name) ? mask(value) : value;
    const ended = this.finished();
    const endNodeId = visited.length > 0 ? visited[visited.length - 1] : null;
    return {
      status: ended ? 'ended' : 'waiting',
      waiting: this.waiting,
      currentNodeId: ended ? endNodeId : (state.step?.nodeId ?? this.lastNodeId),
      endNodeId: ended ? endNodeId : null,
      outcome: state.outcome,
      endReason: state.endReason,
      visited,
      outputsTaken,
      variables,
      transcript: this.transcript.slice(),
      path,
      durationMs: this.clock.now() - this.startedAt,
      unusedActions: this.unused,
    };
  }

  // ---- driving ---------------------------------------------------------------------------

  /** Runs public actions one after the other (a click during a run waits for it); resolves with the result. */
  private serial(run: () => Promise<void>): Promise<SimulationResult> {
    const next = this.chain.then(run).then(() => {
      this.notify();
      return this.result();
    });
    this.chain = next.catch(() => undefined);
    return next;
  }

  private finished(): boolean {
    return this.stopped || this.session.ended;
  }

  private async doStart(): Promise<void> {
    if (this.started) return;
    this.started = true;
    this.session.start({ caller: this.input.caller, called: this.input.called, ...(this.input.language ? { language: this.input.language } : {}) });
    await this.advance();
  }

  private async doPress(digits: string): Promise<void> {
    if (!this.started || this.finished()) return;
    const node = this.state.step ? this.flow.nodes.get(this.state.step.nodeId) : undefined;
    const sensitive = node?.type === 'input' && (node.config as { sensitive?: boolean }).sensitive === true;
    this.line('key', sensitive ? '•'.repeat(digits.length) : digits, { digits: sensitive ? '•'.repeat(digits.length) : digits });
    this.done.push({ kind: 'dtmf', digits });
    for (const key of digits) {
      if (this.finished()) break;
      this.session.send({ type: 'dtmf', key });
      await this.advance();
    }
  }

  private async doSilence(): Promise<void> {
    if (!this.started || this.finished()) return;
    const next = this.clock.next();
    if (!next) return;
    this.done.push({ kind: 'silence' });
    this.line('silence', `${Math.round((next.at - this.clock.now()) / 1000)} s`, { seconds: (next.at - this.clock.now()) / 1000 });
    this.clock.fireNext();
    await this.advance();
  }

  private async doHangup(): Promise<void> {
    if (!this.started || this.finished()) return;
    this.done.push({ kind: 'hangup' });
    this.line('hangup', 'caller', { by: 'caller' });
    this.session.send({ type: 'callerHangup' });
    await this.advance();
  }

  /** Lets port results reach the session (microtasks only). */
  private async settle(): Promise<void> {
    for (let i = 0; i < 1000; i++) {
      if (this.session.ended) {
        this.awaitingCalls = 0;
        this.awaitingResults = 0;
        return;
      }
      if (this.awaitingCalls === 0 && this.awaitingResults === 0) return;
      await Promise.resolve();
    }
    // A result that never arrived: go on rather than hang.
    this.awaitingCalls = 0;
    this.awaitingResults = 0;
  }

  /** Runs the call until it waits for the caller or ends. */
  private async advance(): Promise<void> {
    for (;;) {
      await this.settle();
      if (this.finished()) return;
      if (this.events >= this.maxEvents) {
        this.note(`stopped after ${this.events} events`, { event: 'max-events', events: this.events });
        this.stopped = true;
        return;
      }
      if (this.httpInFlight) {
        this.notify();
        await this.httpInFlight;
        continue;
      }
      if (this.waitsForCaller()) return;
      if (!this.clock.fireNext()) {
        this.note('nothing pending', { event: 'idle' });
        return;
      }
    }
  }

  private waitsForCaller(): boolean {
    const state = this.state;
    if (state.status !== 'running' || state.step === null) return false;
    if (this.collectingVisit !== state.step.visit || state.playing !== null) return false;
    return !this.clock.has('port');
  }

  // ---- HTTP --------------------------------------------------------------------------------

  private performHttp(effect: HttpRequestEffect): Promise<{ status: number; body: string }> {
    const nodeId = this.httpNodes.get(effect.requestId) ?? this.state.step?.nodeId;
    const typed = (this.input.http ?? []).find((answer) => answer.nodeId === nodeId && !this.typedUsed.has(answer));
    return new Promise((resolve, reject) => {
      const deliver = (delayMs: number, answer: SimulatorHttpAnswer): void => {
        this.clock.schedule(
          delayMs,
          () => {
            this.awaitingResults += 1;
            if (nodeId !== undefined) this.httpAnswers.push('error' in answer ? { nodeId, error: answer.error } : { nodeId, status: answer.status, body: answer.body });
            if ('error' in answer) reject({ reason: answer.error, message: answer.detail });
            else resolve({ status: answer.status, body: answer.body });
          },
          'port',
        );
      };
      if (typed) {
        this.typedUsed.add(typed);
        deliver(TYPED_HTTP_MS, typed.error ? { error: typed.error } : { status: typed.status ?? 200, body: typed.body ?? '' });
        return;
      }
      if (!this.httpHandler) {
        deliver(0, { error: 'refused', detail: 'simulation: no HTTP answer given for this request' });
        return;
      }
      const began = Date.now();
      const handler = this.httpHandler;
      this.httpInFlight = Promise.resolve()
        .then(() => handler(effect))
        .then(
          (answer) => answer,
          (error: unknown): SimulatorHttpAnswer => ({ error: 'network', detail: error instanceof Error ? error.message : String(error) }),
        )
        .then((answer) => {
          this.httpInFlight = null;
          const elapsed = Date.now() - began;
          if (elapsed < effect.timeoutMs) return deliver(elapsed, answer);
          // too late, as on a live call: the step's own timeout fires; the answer is dropped
          if (nodeId !== undefined) this.httpAnswers.push({ nodeId, error: 'timeout' });
        });
    });
  }

  // ---- observing the session -------------------------------------------------------------

  private observe({ event, state, effects }: SessionSnapshot): void {
    const before = this.state;
    const lastBefore = before.status === 'idle' ? undefined : (before.step?.nodeId ?? this.lastNodeId ?? undefined);
    this.state = state;
    this.events += 1;
    if (RESULT_EVENTS.has(event.type)) this.awaitingResults = Math.max(0, this.awaitingResults - 1);
    for (const effect of effects) {
      if (countsPortCall(effect)) this.awaitingCalls += 1;
      if (effect.type === 'collectDigits') this.collectingVisit = state.step?.visit ?? null;
      if (effect.type === 'httpRequest') this.httpNodes.set(effect.requestId, state.step?.nodeId);
      if (effect.type === 'persistEvent' && effect.entry.kind === 'node-entered' && effect.entry.nodeId) this.lastNodeId = effect.entry.nodeId;
    }
    this.traceSteps.push({
      event,
      effects: effects.map((e) => (e.type === 'httpRequest' ? { ...e, headers: e.headers.map((h) => (h.secret ? { ...h, value: '[redacted]' } : h)) } : e)),
    });
    const lines = transcriptLines(event, effects, { t: event.at - this.startedAt, nodeId: lastBefore, legs: this.legs });
    this.transcript.push(...lines);
  }

  private line(kind: TranscriptEntry['kind'], text: string, data?: Record<string, Value>): void {
    const entry: TranscriptEntry = { t: this.clock.now() - this.startedAt, kind, text };
    const nodeId = this.state.step?.nodeId ?? this.lastNodeId;
    if (nodeId) entry.nodeId = nodeId;
    if (data) entry.data = data;
    this.transcript.push(entry);
  }

  private note(text: string, data?: Record<string, Value>): void {
    this.line('note', text, data);
  }

  private notify(): void {
    if (this.listeners.size === 0) return;
    const result = this.result();
    for (const listener of this.listeners) {
      try {
        listener(result);
      } catch {
        // a listener's failure never stops the simulation
      }
    }
  }
}
