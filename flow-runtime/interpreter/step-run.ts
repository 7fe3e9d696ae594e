// What a step handler works with during one transition: the current node and config, and
// verbs that change a private copy of the call state and collect effects (play, timers,
// legs, leave by an output, hang up…). The driver (transition.ts) makes the copy, so the
// state given to transition() is never modified.
import { DateTime } from 'luxon';
import type { FlowNode, Language, Prompt, StepType } from '@/schemas';
import type { CallContext } from './context';
import { evaluateExpression, renderTemplate, type EvaluationResult, type Scope } from './expressions';
import { followOutput, type LoadedFlow } from './load-flow';
import { PHRASES } from './phrases';
import { nextRandom } from './random';
import type { CallEvent, CallOutcome, CallState, Effect, EndReason, HangupCause, LegOutcome, LegRequest, PathEntry, PlayItem, Value } from './types';

/** Longest a prompt may play before the runtime treats it as finished (media never answered). */
export const PLAY_GUARD_SECONDS = 300;

export type ConfigOf<T extends StepType> = Extract<FlowNode, { type: T }>['config'];

export interface StepHandler<T extends StepType = StepType> {
  /** Called when the call arrives on the node. */
  enter(run: StepRun<T>): void;
  /** Called with every event addressed to the step (stale timers, plays and legs are filtered out before). */
  on?(run: StepRun<T>, event: CallEvent): void;
  /** Extra cleanup when the caller hangs up here; return 'completed' when hanging up is a normal end (voicemail, goodbye). */
  onCallerHangup?(run: StepRun<T>): 'completed' | void;
}

export class StepRun<T extends StepType = StepType> {
  readonly effects: Effect[] = [];
  /** Node to enter once the handler returns (set by leave()). */
  next: string | null = null;

  constructor(
    readonly flow: LoadedFlow,
    readonly context: CallContext,
    /** The driver's private copy; handlers change it only through these verbs. */
    readonly state: CallState,
    readonly node: Extract<FlowNode, { type: T }>,
  ) {}

  get config(): ConfigOf<T> {
    return this.node.config as ConfigOf<T>;
  }

  get language(): Language {
    return this.state.language;
  }

  get now(): number {
    return this.state.now;
  }

  get ended(): boolean {
    return this.state.status === 'ended';
  }

  /** The step is still the active one (it has not left, ended or bridged the call). */
  get active(): boolean {
    return this.state.status === 'running' && this.next === null && this.state.step?.nodeId === this.node.id;
  }

  // ---- step-local data -------------------------------------------------------------------

  get data(): Readonly<Record<string, unknown>> {
    return this.state.step?.data ?? {};
  }

  setData(patch: Record<string, unknown>): void {
    const step = this.state.step;
    if (step) this.state.step = { ...step, data: { ...step.data, ...patch } };
  }

  /** A call-unique id for a timer, play, leg or request of this step visit. */
  id(name: string): string {
    return `${this.state.step?.visit ?? this.state.steps}:${name}`;
  }

  emit(effect: Effect): void {
    this.effects.push(effect);
  }

  persist(kind: PathEntry['kind'], data?: Record<string, Value>, output?: string): void {
    const entry: PathEntry = { at: this.state.now, kind, nodeId: this.node.id, nodeType: this.node.type };
    if (output !== undefined) entry.output = output;
    if (data !== undefined) entry.data = data;
    this.effects.push({ type: 'persistEvent', entry });
  }

  warn(message: string): void {
    this.persist('warning', { message });
  }

  // ---- media -----------------------------------------------------------------------------

  answer(): void {
    if (!this.state.answered) {
      this.state.answered = true;
      this.emit({ type: 'answer' });
    }
  }

  /** What the caller hears for a configured prompt, in the call language (TTS templates rendered). */
  promptItems(prompt: Prompt | undefined): PlayItem[] {
    if (!prompt) return [];
    if (prompt.kind === 'sound') return prompt.soundId ? [{ kind: 'sound', soundId: prompt.soundId }] : [];
    const text = prompt.text ?? {};
    const language: Language = text[this.language] ? this.language : text[this.flow.language] ? this.flow.language : text.fr ? 'fr' : 'en';
    const template = text[language];
    if (!template) return [];
    return [{ kind: 'tts', text: this.render(template), language }];
  }

  phrase(key: keyof typeof PHRASES): PlayItem {
    return { kind: 'tts', text: PHRASES[key][this.language], language: this.language };
  }

  /**
   * Plays items (stopping what plays); returns the play id, or null when there is nothing to play.
   * Answers the call first, except for a ringback tone alone: that one the runtime plays as early
   * media (183 Session Progress) while legs ring, so the caller is not answered before someone is.
   */
  play(items: PlayItem[], options: { loop?: boolean; bargeIn?: boolean } = {}): string | null {
    this.stopPlayback();
    if (items.length === 0) return null;
    if (!isRingbackOnly(items)) this.answer();
    const playId = this.id(`p${this.nextSeq()}`);
    const loop = options.loop ?? false;
    this.emit({ type: 'play', playId, items, loop, bargeIn: options.bargeIn ?? false });
    this.state.playing = playId;
    if (!loop) this.addTimer(`${playId}:guard`, PLAY_GUARD_SECONDS * 1000);
    return playId;
  }

  stopPlayback(): void {
    const playing = this.state.playing;
    if (playing === null) return;
    this.emit({ type: 'stopPlayback', playId: playing });
    this.state.playing = null;
    this.removeTimer(`${playing}:guard`);
  }

  collectDigits(maxDigits: number, terminator: string | null): void {
    this.emit({ type: 'collectDigits', maxDigits, terminator });
  }

  private nextSeq(): number {
    const seq = ((this.data.$seq as number | undefined) ?? 0) + 1;
    this.setData({ $seq: seq });
    return seq;
  }

  // ---- timers ----------------------------------------------------------------------------

  private addTimer(timerId: string, ms: number): void {
    if (this.state.timers.includes(timerId)) this.emit({ type: 'cancelTimer', timerId });
    else this.state.timers = [...this.state.timers, timerId];
    this.emit({ type: 'startTimer', timerId, ms: Math.max(0, Math.round(ms)) });
  }

  private removeTimer(timerId: string): void {
    if (!this.state.timers.includes(timerId)) return;
    this.state.timers = this.state.timers.filter((t) => t !== timerId);
    this.emit({ type: 'cancelTimer', timerId });
  }

  startTimer(name: string, seconds: number): void {
    this.addTimer(this.id(`t:${name}`), seconds * 1000);
  }

  cancelTimer(name: string): void {
    this.removeTimer(this.id(`t:${name}`));
  }

  /** The step timer's name when `event` is one of this step's timers firing, else null. */
  timerName(event: CallEvent): string | null {
    if (event.type !== 'timerFired') return null;
    const prefix = this.id('t:');
    return event.timerId.startsWith(prefix) ? event.timerId.slice(prefix.length) : null;
  }

  // ---- legs ------------------------------------------------------------------------------

  /** Rings legs without answering the caller (who hears the ringback as early media). */
  ring(legs: LegRequest[], strategy: Extract<Effect, { type: 'ringLegs' }>['strategy']): void {
    if (legs.length === 0) return;
    this.state.legs = [...this.state.legs, ...legs.map((l) => l.legId)];
    this.emit({ type: 'ringLegs', legs, strategy, callerId: this.state.caller });
    for (const leg of legs) {
      const target: Record<string, Value> = leg.target.kind === 'agent' ? { agentId: leg.target.agentId } : { number: leg.target.number };
      this.persist('leg', { legId: leg.legId, event: 'ringing', ...target });
    }
  }

  /** Stops ringing legs; each is recorded with `outcome`. */
  cancelLegs(legIds: readonly string[], reason: Extract<Effect, { type: 'cancelLegs' }>['reason'], outcome: LegOutcome): void {
    const ids = legIds.filter((id) => this.state.legs.includes(id));
    if (ids.length === 0) return;
    this.state.legs = this.state.legs.filter((id) => !ids.includes(id));
    this.emit({ type: 'cancelLegs', legIds: ids, reason });
    for (const legId of ids) this.persist('leg', { legId, outcome });
  }

  /** A leg ended by itself (busy, no answer, failed): forget it and record its outcome. */
  legFinished(legId: string, outcome: LegOutcome): void {
    if (!this.state.legs.includes(legId)) return;
    this.state.legs = this.state.legs.filter((id) => id !== legId);
    this.persist('leg', { legId, outcome });
    if (outcome === 'busy' || outcome === 'no_answer') this.state.lastAgentOutcome = outcome;
  }

  /** Connects the caller with an answered leg: the flow ends here, the call is answered (200 OK) just before the bridge. */
  bridge(legId: string): void {
    this.answer();
    const others = this.state.legs.filter((id) => id !== legId);
    this.cancelLegs(others, 'answered-elsewhere', 'cancelled');
    this.state.legs = [];
    this.persist('leg', { legId, outcome: 'answered' });
    this.releaseStep();
    this.emit({ type: 'bridge', legId });
    this.state.status = 'bridged';
    this.state.step = null;
    this.state.bridgedLeg = legId;
    this.state.outcome = 'answered';
    this.persist('output-taken', { bridged: legId }, 'answered');
  }

  // ---- variables and expressions ---------------------------------------------------------

  readonly scope: Scope = (name) => {
    const v = this.state.variables;
    if (Object.prototype.hasOwnProperty.call(v, name)) return v[name];
    switch (name) {
      case 'caller':
        return this.state.caller ?? '';
      case 'called':
        return this.state.called;
      case 'language':
        return this.state.language;
      case 'callId':
        return this.state.callId;
      case 'hour':
      case 'minute':
      case 'weekday':
      case 'date': {
        const dt = DateTime.fromMillis(this.state.now, { zone: this.context.timezone });
        if (name === 'hour') return dt.hour;
        if (name === 'minute') return dt.minute;
        if (name === 'weekday') return dt.weekday;
        return dt.toISODate();
      }
      default:
        return undefined;
    }
  };

  evaluate(source: string): EvaluationResult {
    return evaluateExpression(source, this.scope, this.state.now);
  }

  render(template: string, encode?: (value: string, before: string) => string): string {
    const { text, errors } = renderTemplate(template, this.scope, this.state.now, encode);
    for (const error of errors) this.warn(`template: ${error}`);
    return text;
  }

  setVariable(name: string, value: Value, options: { sensitive?: boolean } = {}): void {
    this.state.variables = { ...this.state.variables, [name]: value };
    const wasSensitive = this.state.sensitive.includes(name);
    if (options.sensitive && !wasSensitive) this.state.sensitive = [...this.state.sensitive, name];
    if (options.sensitive === false && wasSensitive) this.state.sensitive = this.state.sensitive.filter((n) => n !== name);
    const masked = this.state.sensitive.includes(name);
    this.persist('variable-set', { name, value: masked ? mask(value) : value });
  }

  random(): number {
    const [value, next] = nextRandom(this.state.rng);
    this.state.rng = next;
    return value;
  }

  // ---- leaving ---------------------------------------------------------------------------

  /** Releases what the step holds: timers, playback, ringing legs, queue place. */
  releaseStep(): void {
    this.stopPlayback();
    for (const timerId of this.state.timers) this.emit({ type: 'cancelTimer', timerId });
    this.state.timers = [];
    if (this.state.legs.length > 0) this.cancelLegs(this.state.legs, 'step-left', 'cancelled');
    if (this.state.queueId !== null) {
      this.emit({ type: 'queueLeave', queueId: this.state.queueId, reason: 'step-left' });
      this.state.queueId = null;
    }
  }

  /** Leaves the step by `outputId` (fallbacks applied); an unconnected output hangs up. */
  leave(outputId: string, data?: Record<string, Value>): void {
    if (!this.active) return;
    this.releaseStep();
    const { output, target } = followOutput(this.flow, this.node.id, outputId);
    const entryData = output !== outputId ? { ...data, requested: outputId } : data;
    this.persist('output-taken', entryData, output);
    this.state.step = null;
    if (target === null) {
      this.hangup('normal', 'unconnected-output');
      return;
    }
    this.next = target;
  }

  /** Ends the call from the flow's side. */
  hangup(cause: HangupCause, reason: EndReason): void {
    if (this.ended) return;
    this.releaseStep();
    this.emit({ type: 'hangup', cause });
    this.end(this.state.lastAgentOutcome, reason);
  }

  end(given: CallOutcome | null, reason: EndReason): void {
    if (this.ended) return;
    // An agent already answered this call (then a cold transfer took it out of the bridge into a
    // flow or a mailbox, transition.ts): it stays answered, whatever the rest of the call does.
    const outcome = this.state.outcome === 'answered' ? 'answered' : given;
    this.releaseStep();
    this.state.status = 'ended';
    this.state.step = null;
    this.state.outcome = outcome;
    this.state.endReason = reason;
    this.next = null;
    this.effects.push({ type: 'persistEvent', entry: { at: this.state.now, kind: 'call-ended', data: { outcome, reason } } });
    this.emit({ type: 'callEnded', outcome, reason });
  }
}

/** Only ringback tones: what the caller may hear before the call is answered. */
export function isRingbackOnly(items: readonly PlayItem[]): boolean {
  return items.length > 0 && items.every((item) => item.kind === 'tone' && item.tone === 'ringback');
}

export function mask(value: Value): Value {
  return typeof value === 'string' ? '•'.repeat(value.length) : '•••';
}
