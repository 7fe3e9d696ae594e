// The simulator's data (issue 17): a test case saved with a flow (inputs + expectation) and the
// result of a simulated call. Plain JSON, shared by the browser simulator, the API
// (POST /api/flows/:id/simulate), the publish gate and `npm run flow:test`.
// The flow document's `tests` array holds FlowTestCase objects (schemas/flow.schema.json).
import type { AgentPresence, CallOutcome, EndReason, PathEntry, Value } from '../interpreter';

/** What the caller does when the call waits for them, in order. */
export type CallerAction =
  /** Keys typed (one dtmf event per character). */
  | { kind: 'dtmf'; digits: string }
  /** Say nothing: the earliest pending timer fires at once (the clock is fast-forwarded). */
  | { kind: 'silence' }
  /** The caller hangs up. */
  | { kind: 'hangup' };

/** A typed answer for an HTTP request step (instead of calling the real URL). */
export interface TypedHttpAnswer {
  nodeId: string;
  /** A status and body, or a transport failure. */
  status?: number;
  body?: string;
  error?: 'network' | 'timeout' | 'refused';
}

export interface SimulationInput {
  /** E.164 or national; null: hidden number. */
  caller: string | null;
  /** The number called (E.164). */
  called: string;
  /** Local date and time of the call, "YYYY-MM-DDTHH:mm" (seconds optional), in `timezone`. */
  at: string;
  /** IANA time zone of `at`; default: the organisation's. */
  timezone?: string;
  /** Call language; default: the flow's. */
  language?: 'fr' | 'en';
  /** Agents' presence at the start of the call; agents not listed keep the directory's. */
  agents?: Record<string, AgentPresence>;
  /**
   * Who picks up when agents or external numbers ring: `first` (the first available leg
   * answers at once), `nobody` (every leg rings until its timeout), or an agent id (only
   * that agent answers). Default `first`.
   */
  answer?: 'first' | 'nobody' | string;
  /** After an answer, how long the conversation lasts before the agent hangs up (s); default 60. */
  talkSeconds?: number;
  /** The caller's actions, used in order each time the call waits for the caller. */
  actions: CallerAction[];
  /** Typed HTTP answers by node (the first unused one for that node is used). */
  http?: TypedHttpAnswer[];
  /** Seed of the call's pseudo-random sequence (split step); default 1. */
  seed?: number;
}

export interface SimulationExpectation {
  /** Node the call ended at (the last node entered), or null when it ended before any. */
  endNodeId?: string | null;
  /** Call outcome as stored (null: the flow handled the call alone). */
  outcome?: CallOutcome | null;
  /** Nodes entered, in order (repeats included). */
  visited?: string[];
  /** Variables and their final values (only the ones listed are compared). */
  variables?: Record<string, Value>;
}

export interface FlowTestCase {
  /** Stable id within the flow ("case_…"). */
  id: string;
  name: string;
  input: SimulationInput;
  expect: SimulationExpectation;
}

/** One line of what happened, in simulated time, for the panel and the CLI. */
export interface TranscriptEntry {
  /** Milliseconds since the call started. */
  t: number;
  nodeId?: string;
  kind:
    | 'prompt'     // text: what is said (TTS text, digits read, sound name, tone)
    | 'key'        // digits typed by the caller
    | 'silence'    // the caller stayed silent: a timer fired
    | 'ring'       // legs ringing: data.targets
    | 'leg'        // a leg answered / failed
    | 'bridge'     // talking with an agent
    | 'queue'      // joined / position
    | 'http'       // request and answer (secret headers masked)
    | 'sms'        // would send (never sent)
    | 'callback'   // would create (never created)
    | 'voicemail'  // recording (simulated)
    | 'transfer'   // continues in another flow
    | 'hangup'
    | 'note';
  text: string;
  data?: Record<string, Value>;
}

/** What the simulated call is waiting for (interactive use). */
export type SimulationWaiting = 'caller' | 'http' | 'ended';

export interface SimulationResult {
  status: 'ended' | 'waiting';
  waiting: SimulationWaiting;
  /** Node the call is in (waiting) or ended at. */
  currentNodeId: string | null;
  endNodeId: string | null;
  outcome: CallOutcome | null;
  endReason: EndReason | null;
  visited: string[];
  /** Outputs taken, in order: `${nodeId}:${output}`. */
  outputsTaken: string[];
  variables: Record<string, Value>;
  transcript: TranscriptEntry[];
  /** The call's path as the runtime would store it (CallEvent rows). */
  path: PathEntry[];
  /** Simulated duration so far (ms). */
  durationMs: number;
  /** Actions of the input left unused when the call ended. */
  unusedActions: number;
}

export interface CaseMismatch {
  field: 'endNodeId' | 'outcome' | 'visited' | 'variables' | 'error';
  /** For variables: the variable name. */
  key?: string;
  expected: unknown;
  actual: unknown;
}

export interface CaseRun {
  caseId: string;
  name: string;
  passed: boolean;
  mismatches: CaseMismatch[];
  result: SimulationResult;
}

export interface Coverage {
  nodes: { covered: number; total: number; ids: string[] };
  /** Connected outputs (`${nodeId}:${output}`) taken by at least one case. */
  outputs: { covered: number; total: number; keys: string[] };
  /** Share of nodes + outputs reached, 0–100, rounded. */
  percent: number;
}
