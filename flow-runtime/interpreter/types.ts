// The data the interpreter works on: call state, the events it reacts to and the effects
// it asks the session to execute. Everything here is plain, serialisable data.
import type { HangupConfig, Language } from '@/schemas';

/** Value of a call variable (HTTP mappings may store JSON objects and arrays). */
export type Value = string | number | boolean | null | Value[] | { [key: string]: Value };

/** How the call ended, as in the Axialys guide (null: handled by the flow alone, no agent involved). */
export type CallOutcome = 'abandoned' | 'cancelled' | 'no_answer' | 'busy' | 'answered';
/** Outcome of one agent or external leg. */
export type LegOutcome = 'answered' | 'no_answer' | 'busy' | 'cancelled' | 'failed';
/** Why the session ended. */
export type EndReason = 'flow-hangup' | 'caller-hangup' | 'bridge-ended' | 'loop-guard' | 'unconnected-output' | 'internal-error';

export type HangupCause = NonNullable<HangupConfig['cause']>;

/** What the caller hears. TTS text is already rendered (templates resolved) in the call language. */
export type PlayItem =
  | { kind: 'sound'; soundId: string }
  | { kind: 'tts'; text: string; language: Language }
  | { kind: 'digits'; digits: string; language: Language }
  | { kind: 'tone'; tone: 'beep' | 'ringback' | 'hold' };

export interface LegRequest {
  legId: string;
  target: { kind: 'agent'; agentId: string } | { kind: 'external'; number: string };
  ringSeconds: number;
}

export interface HttpHeader {
  name: string;
  value: string;
  /** Never written to the path or logs: use redactEffect() before logging an effect. */
  secret: boolean;
}

/** One entry of the call's recorded path (persisted; never holds secrets or sensitive digits). */
export interface PathEntry {
  at: number;
  kind:
    | 'call-started'
    | 'node-entered'
    | 'output-taken'
    | 'variable-set'
    | 'key'
    | 'leg'
    | 'queue'
    | 'http'
    | 'sms'
    | 'callback'
    | 'voicemail'
    | 'policy'
    | 'flow-entered'
    | 'loop-guard'
    | 'warning'
    | 'call-ended';
  nodeId?: string;
  nodeType?: string;
  output?: string;
  data?: Record<string, Value>;
}

export type Effect =
  | { type: 'answer' }
  | { type: 'play'; playId: string; items: PlayItem[]; loop: boolean; bargeIn: boolean }
  | { type: 'stopPlayback'; playId: string }
  /** The step now expects digits: the media layer flushes digits typed earlier (unless barge-in kept them). */
  | { type: 'collectDigits'; maxDigits: number; terminator: string | null }
  | { type: 'startTimer'; timerId: string; ms: number }
  | { type: 'cancelTimer'; timerId: string }
  | { type: 'ringLegs'; legs: LegRequest[]; strategy: 'simultaneous' | 'cascade' | 'queue' | 'redirect'; callerId: string | null }
  | { type: 'cancelLegs'; legIds: string[]; reason: 'caller-hangup' | 'answered-elsewhere' | 'ring-timeout' | 'step-left' }
  | { type: 'bridge'; legId: string }
  | { type: 'record'; recordingId: string; maxLengthSeconds: number; finishKeys: string[]; silenceSeconds: number }
  | { type: 'stopRecording'; recordingId: string }
  | {
      type: 'storeVoicemail';
      recordingId: string;
      mailbox: { kind: 'agent'; agentId: string } | { kind: 'group'; groupId: string };
      caller: string | null;
      durationMs: number;
    }
  | { type: 'httpRequest'; requestId: string; method: string; url: string; headers: HttpHeader[]; body: string | null; timeoutMs: number }
  | { type: 'sendSms'; requestId: string; to: string; fromNumberId: string | null; text: string }
  | {
      type: 'createCallback';
      requestId: string;
      groupId: string;
      number: string;
      earliestAt: number;
      maxAttempts: number;
      retryIntervalMinutes: number;
    }
  | { type: 'queueJoin'; queueId: string; maxQueueSize: number; agentIds: string[] }
  | { type: 'queueLeave'; queueId: string; reason: 'answered' | 'caller-hangup' | 'timeout' | 'step-left' }
  | { type: 'queueOfferResult'; queueId: string; offerId: string; agentId: string; accepted: boolean; outcome: LegOutcome }
  | { type: 'loadFlow'; flowId: string }
  | { type: 'hangup'; cause: HangupCause }
  | { type: 'persistEvent'; entry: PathEntry }
  | { type: 'callEnded'; outcome: CallOutcome | null; reason: EndReason };

/** Every event carries the instant it happened (epoch ms): the interpreter never reads a clock. */
export type CallEvent =
  | {
      type: 'callStarted';
      at: number;
      callId: string;
      caller: string | null;
      called: string;
      language?: Language;
      /** Seed of the call's pseudo-random sequence (split step), drawn by the session's Random port. */
      seed: number;
    }
  | { type: 'promptFinished'; at: number; playId: string }
  | { type: 'dtmf'; at: number; key: string }
  | { type: 'timerFired'; at: number; timerId: string }
  | { type: 'legRinging'; at: number; legId: string }
  | { type: 'legAnswered'; at: number; legId: string }
  | { type: 'legFailed'; at: number; legId: string; reason: 'busy' | 'no_answer' | 'failed' }
  /** The bridged agent or external party hung up. */
  | { type: 'legEnded'; at: number; legId: string }
  | { type: 'queueJoined'; at: number; queueId: string; position: number }
  | { type: 'queueRejected'; at: number; queueId: string; reason: 'full' }
  | { type: 'queuePosition'; at: number; queueId: string; position: number }
  /** The queue coordinator offers this (longest-waiting) caller to a free agent. */
  | { type: 'agentAvailable'; at: number; queueId: string; agentId: string; offerId: string }
  | { type: 'httpResponse'; at: number; requestId: string; status: number; body: string }
  /** `refused`: the outbound HTTP policy refused the URL, its address or its answer (never retried); `detail` says why. */
  | { type: 'httpError'; at: number; requestId: string; reason: 'network' | 'timeout' | 'refused'; detail?: string }
  | { type: 'smsResult'; at: number; requestId: string; ok: boolean }
  | { type: 'callbackCreated'; at: number; requestId: string; ok: boolean; callbackId?: string }
  | { type: 'recordingFinished'; at: number; recordingId: string; reason: 'key' | 'silence' | 'max-length' | 'failed'; durationMs: number }
  /** Result of a loadFlow effect; when ok, the session passes the loaded flow to transition(). */
  | { type: 'flowLoaded'; at: number; flowId: string; ok: boolean }
  /**
   * A cold transfer (calls/call-control) takes the caller out of the bridge: the bridged party is
   * released and the call goes on at the entry of a flow (the session passes that loaded flow, as
   * for flowLoaded) or in a group's mailbox (a built-in voicemail step). Ignored unless bridged.
   */
  | { type: 'bridgeTransferred'; at: number; to: { kind: 'flow'; flowId: string } | { kind: 'voicemail'; groupId: string } }
  | { type: 'callerHangup'; at: number };

export type CallEventType = CallEvent['type'];

/** State of the step the call is in; `data` belongs to the step's handler. */
export interface StepState {
  nodeId: string;
  type: string;
  /** Visit number (the call's step counter when entered): prefixes timer, play and leg ids. */
  visit: number;
  data: Readonly<Record<string, unknown>>;
}

export interface TransferPolicy {
  allExternal: boolean;
  presets: string[];
  /** Numbers and prefixes ending in *, from the steps' patterns and the forbidden lists they name. */
  patterns: string[];
  homeCountryCode: string;
}

export interface CallState {
  callId: string;
  status: 'idle' | 'running' | 'bridged' | 'ended';
  flowId: string | null;
  caller: string | null;
  called: string;
  language: Language;
  startedAt: number;
  /** Time of the last event. */
  now: number;
  /** PRNG state (mulberry32). */
  rng: number;
  /** Steps entered so far (the loop guard counts them). */
  steps: number;
  loopGuard: 'armed' | 'tripped' | 'final';
  answered: boolean;
  step: StepState | null;
  variables: Readonly<Record<string, Value>>;
  /** Variables holding sensitive digits: masked wherever they would be recorded. */
  sensitive: readonly string[];
  policy: TransferPolicy;
  /** Timers, playback, legs, recording, queue membership currently held by the step. */
  timers: readonly string[];
  playing: string | null;
  legs: readonly string[];
  bridgedLeg: string | null;
  queueId: string | null;
  /** Outcome of the last agent attempt (no_answer / busy), reported if the flow then ends. */
  lastAgentOutcome: 'no_answer' | 'busy' | null;
  outcome: CallOutcome | null;
  endReason: EndReason | null;
}
