// Drives transition() directly with a fake clock: keeps the state, collects effects, fires
// timers in order when time advances. Used by the per-step tests (no session, no ports).
import { applyFlowDefaults, type FlowDocument, type FlowNode } from '@/schemas';
import {
  createCallState,
  indexFlow,
  loadFlow,
  transition,
  type CallContext,
  type CallEvent,
  type CallState,
  type Effect,
  type LoadedFlow,
  type PathEntry,
} from '@/flow-runtime/interpreter';
import { FIXTURE_REFERENCES } from '@/tests/fixtures/references';
import { fixtureContext, T_OPEN } from './context';

type NodeSpec = { id: string; type: FlowNode['type']; config: Record<string, unknown>; label?: string };
type Distribute<T> = T extends unknown ? Omit<T, 'at'> : never;
export type EventInput = Distribute<CallEvent>;

/** Builds a flow from nodes and [source, output, target] edges; validated unless validate is false. */
export function buildFlow(
  nodes: NodeSpec[],
  edges: Array<[string, string, string]>,
  options: { validate?: boolean; settings?: Record<string, unknown>; entry?: string; id?: string } = {},
): LoadedFlow {
  const doc = {
    schemaVersion: 1,
    name: options.id ?? 'test',
    language: 'fr',
    entry: options.entry ?? nodes[0].id,
    ...(options.settings ? { settings: options.settings } : {}),
    nodes: nodes.map((n, i) => ({ id: n.id, type: n.type, position: { x: i * 100, y: 0 }, ...(n.label ? { label: n.label } : {}), config: n.config })),
    edges: edges.map(([source, sourceOutput, target], i) => ({ id: `e${i}`, source, sourceOutput, target })),
  };
  if (options.validate === false) return indexFlow(applyFlowDefaults(doc as unknown as FlowDocument), options.id);
  return loadFlow(doc, { flowId: options.id, references: FIXTURE_REFERENCES });
}

export const tts = (fr: string) => ({ kind: 'tts' as const, text: { fr, en: fr } });
export const bye = (id = 'bye'): NodeSpec => ({ id, type: 'hangup', config: {} });

export class TestCall {
  state: CallState;
  effects: Effect[] = [];
  last: Effect[] = [];
  now: number;
  timers = new Map<string, number>();

  constructor(
    public flow: LoadedFlow,
    public context: CallContext = fixtureContext(),
    options: { at?: number } = {},
  ) {
    this.state = createCallState('call-1');
    this.now = options.at ?? T_OPEN;
  }

  start(options: { caller?: string | null; called?: string; language?: 'fr' | 'en'; seed?: number } = {}): this {
    return this.send({
      type: 'callStarted',
      callId: 'call-1',
      caller: options.caller === undefined ? '+33612345678' : options.caller,
      called: options.called ?? '+33184000000',
      language: options.language,
      seed: options.seed ?? 42,
    });
  }

  send(event: EventInput): this {
    const [state, effects] = transition(this.flow, this.state, { ...event, at: this.now } as CallEvent, this.context);
    this.state = state;
    this.last = effects;
    this.effects.push(...effects);
    for (const e of effects) {
      if (e.type === 'startTimer') this.timers.set(e.timerId, this.now + e.ms);
      if (e.type === 'cancelTimer') this.timers.delete(e.timerId);
    }
    return this;
  }

  /** Moves the clock forward, firing due timers in order. */
  advance(seconds: number): this {
    const target = this.now + seconds * 1000;
    for (;;) {
      let next: [string, number] | null = null;
      for (const entry of this.timers) if (entry[1] <= target && (!next || entry[1] < next[1])) next = entry;
      if (!next) break;
      this.timers.delete(next[0]);
      this.now = next[1];
      this.send({ type: 'timerFired', timerId: next[0] });
    }
    this.now = target;
    return this;
  }

  finishPrompt(): this {
    if (this.state.playing === null) throw new Error(`nothing is playing (node ${this.state.step?.nodeId})`);
    return this.send({ type: 'promptFinished', playId: this.state.playing });
  }

  press(keys: string): this {
    for (const key of keys) this.send({ type: 'dtmf', key });
    return this;
  }

  hangup(): this {
    return this.send({ type: 'callerHangup' });
  }

  get node(): string | null {
    return this.state.step?.nodeId ?? null;
  }

  get ended(): boolean {
    return this.state.status === 'ended';
  }

  path(): PathEntry[] {
    return this.effects.flatMap((e) => (e.type === 'persistEvent' ? [e.entry] : []));
  }

  /** "node:output" of every output taken. */
  taken(): string[] {
    return this.path()
      .filter((p) => p.kind === 'output-taken')
      .map((p) => `${p.nodeId}:${p.output}`);
  }

  of<T extends Effect['type']>(type: T, from: Effect[] = this.effects): Extract<Effect, { type: T }>[] {
    return from.filter((e): e is Extract<Effect, { type: T }> => e.type === type);
  }

  lastPlayText(): string {
    const play = this.of('play').at(-1);
    return play ? play.items.map((i) => (i.kind === 'tts' ? i.text : i.kind === 'sound' ? `sound:${i.soundId}` : i.kind === 'digits' ? `digits:${i.digits}` : `tone:${i.tone}`)).join(' | ') : '';
  }

  ringingLegs(): string[] {
    return [...this.state.legs];
  }
}
