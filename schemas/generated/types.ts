// GENERATED — do not edit; run npm run schemas:types
// Source: schemas/*.schema.json and schemas/steps/*.schema.json
/* eslint-disable */

/**
 * Call language.
 *
 * This interface was referenced by `Flow`'s JSON-Schema
 * via the `definition` "language".
 */
export type Language = 'fr' | 'en';
/**
 * Node id, unique in the flow.
 *
 * This interface was referenced by `Flow`'s JSON-Schema
 * via the `definition` "nodeId".
 */
export type NodeId = string;
/**
 * This interface was referenced by `Flow`'s JSON-Schema
 * via the `definition` "node".
 */
export type Node = {
  id: NodeId;
  /**
   * Step type id.
   */
  type:
    | 'message'
    | 'menu'
    | 'input'
    | 'hours'
    | 'queue-group'
    | 'redirect'
    | 'voicemail'
    | 'callback'
    | 'sms'
    | 'forbidden-transfer'
    | 'filter'
    | 'split'
    | 'variable'
    | 'http-request'
    | 'condition'
    | 'hangup';
  position: Position;
  /**
   * Name shown on the canvas and in call paths.
   */
  label?: string;
  /**
   * Step configuration, validated by the step type's schema.
   */
  config: {};
};
/**
 * Name of a node output, used by edges (`sourceOutput`).
 *
 * This interface was referenced by `Flow`'s JSON-Schema
 * via the `definition` "outputId".
 */
export type OutputId = string;
/**
 * What the caller does when the call waits: keys, silence or hang-up.
 *
 * This interface was referenced by `Flow`'s JSON-Schema
 * via the `definition` "testAction".
 */
export type TestAction =
  | {
      kind: 'dtmf';
      digits: string;
    }
  | {
      kind: 'silence';
    }
  | {
      kind: 'hangup';
    };
/**
 * Identifier of an organisation object.
 *
 * This interface was referenced by `Flow`'s JSON-Schema
 * via the `definition` "objectId".
 *
 * This interface was referenced by `Flow`'s JSON-Schema
 * via the `definition` "soundId".
 *
 * This interface was referenced by `Flow`'s JSON-Schema
 * via the `definition` "groupId".
 *
 * This interface was referenced by `Flow`'s JSON-Schema
 * via the `definition` "calendarId".
 *
 * This interface was referenced by `Flow`'s JSON-Schema
 * via the `definition` "numberId".
 *
 * This interface was referenced by `Flow`'s JSON-Schema
 * via the `definition` "flowId".
 *
 * This interface was referenced by `Flow`'s JSON-Schema
 * via the `definition` "agentId".
 *
 * This interface was referenced by `Flow`'s JSON-Schema
 * via the `definition` "forbiddenListId".
 */
export type ObjectId = string;
/**
 * Phone number in E.164 form, e.g. +33123456789.
 *
 * This interface was referenced by `Flow`'s JSON-Schema
 * via the `definition` "e164".
 */
export type E164 = string;
/**
 * A number to dial: E.164 (+33123456789) or as written (+33 (0)1 23 45 67 89, 01 23 45 67 89, 0033…); dialled and judged in its canonical E.164 form (flow-runtime/numbers).
 *
 * This interface was referenced by `Flow`'s JSON-Schema
 * via the `definition` "dialledNumber".
 */
export type DialledNumber = string;
/**
 * A number (+33612345678) or a prefix ending in * (+3389*).
 *
 * This interface was referenced by `Flow`'s JSON-Schema
 * via the `definition` "numberPattern".
 */
export type NumberPattern = string;
/**
 * A telephone keypad key.
 *
 * This interface was referenced by `Flow`'s JSON-Schema
 * via the `definition` "dtmfKey".
 */
export type DtmfKey = '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9' | '*' | '#';
/**
 * Call variable name: letters, digits and _, not starting with a digit.
 *
 * This interface was referenced by `Flow`'s JSON-Schema
 * via the `definition` "variableName".
 */
export type VariableName = string;
/**
 * Expression in the safe expression language: variables, literals, + - * / %, comparisons, && || !, ?:, and whitelisted functions; never evaluated with eval.
 *
 * This interface was referenced by `Flow`'s JSON-Schema
 * via the `definition` "expression".
 */
export type Expression = string;
/**
 * Text where {{expression}} is replaced by its value at call time, e.g. {{caller}}.
 *
 * This interface was referenced by `Flow`'s JSON-Schema
 * via the `definition` "template".
 */
export type Template = string;
/**
 * What the caller hears: an uploaded sound, or text-to-speech per language.
 *
 * This interface was referenced by `Flow`'s JSON-Schema
 * via the `definition` "prompt".
 */
export type Prompt = {
  /**
   * sound: uploaded sound; tts: text-to-speech.
   */
  kind: 'sound' | 'tts';
  soundId?: ObjectId;
  text?: TtsText;
};

/**
 * One version of a call flow: metadata, an entry node, nodes (steps) and edges (node output → node).
 */
export interface Flow {
  /**
   * Version of this format.
   */
  schemaVersion: 1;
  name: string;
  description?: string;
  language?: Language;
  entry: NodeId;
  settings?: Settings;
  /**
   * @minItems 1
   * @maxItems 5000
   */
  nodes: Node[];
  /**
   * @maxItems 20000
   */
  edges: Edge[];
  /**
   * Test calls saved with the flow (the simulator): each runs before publishing and after every save.
   *
   * @maxItems 200
   */
  tests?: TestCase[];
}
/**
 * Runtime settings of the flow.
 *
 * This interface was referenced by `Flow`'s JSON-Schema
 * via the `definition` "settings".
 */
export interface Settings {
  /**
   * Steps a call may take before the loop guard ends it.
   */
  maxSteps?: number;
  maxStepsNode?: NodeId;
}
/**
 * This interface was referenced by `Flow`'s JSON-Schema
 * via the `definition` "position".
 */
export interface Position {
  x: number;
  y: number;
}
/**
 * This interface was referenced by `Flow`'s JSON-Schema
 * via the `definition` "edge".
 */
export interface Edge {
  id: string;
  source: NodeId;
  sourceOutput: OutputId;
  target: NodeId;
}
/**
 * A saved test call: what the caller does and what the call must do.
 *
 * This interface was referenced by `Flow`'s JSON-Schema
 * via the `definition` "testCase".
 */
export interface TestCase {
  /**
   * Case id, unique in the flow.
   */
  id: string;
  name: string;
  input: TestInput;
  expect: TestExpect;
}
/**
 * The simulated call: who calls, when, who answers, what the caller does.
 *
 * This interface was referenced by `Flow`'s JSON-Schema
 * via the `definition` "testInput".
 */
export interface TestInput {
  /**
   * Caller's number (E.164 or national); null: hidden.
   */
  caller: string | null;
  /**
   * Number called (E.164).
   */
  called: string;
  /**
   * Local date and time of the call, YYYY-MM-DDTHH:mm.
   */
  at: string;
  /**
   * IANA time zone of at; default: the organisation's.
   */
  timezone?: string;
  language?: Language;
  /**
   * Agents' presence overrides by agent id.
   */
  agents?: {
    [k: string]: 'available' | 'busy' | 'paused' | 'offline' | undefined;
  };
  /**
   * Who picks up: first, nobody, or an agent id.
   */
  answer?: string;
  talkSeconds?: number;
  /**
   * @maxItems 500
   */
  actions: TestAction[];
  /**
   * @maxItems 100
   */
  http?: TestHttpAnswer[];
  seed?: number;
}
/**
 * A typed answer of an HTTP request step: a status and body, or a transport error.
 *
 * This interface was referenced by `Flow`'s JSON-Schema
 * via the `definition` "testHttpAnswer".
 */
export interface TestHttpAnswer {
  nodeId: NodeId;
  status?: number;
  body?: string;
  error?: 'network' | 'timeout' | 'refused';
}
/**
 * What the call must do; only the fields given are compared.
 *
 * This interface was referenced by `Flow`'s JSON-Schema
 * via the `definition` "testExpect".
 */
export interface TestExpect {
  /**
   * Node the call ends at.
   */
  endNodeId?: string | null;
  /**
   * Call outcome as stored.
   */
  outcome?: 'abandoned' | 'cancelled' | 'no_answer' | 'busy' | 'answered' | null;
  /**
   * Nodes entered, in order.
   *
   * @maxItems 1000
   */
  visited?: string[];
  /**
   * Variables and their final values.
   */
  variables?: {};
}
/**
 * Text to speak per call language; a missing language falls back to the flow's default language.
 *
 * This interface was referenced by `Flow`'s JSON-Schema
 * via the `definition` "ttsText".
 */
export interface TtsText {
  fr?: Template;
  en?: Template;
}
/**
 * Plays a prompt (uploaded sound or text-to-speech in the call language), then continues.
 *
 * This interface was referenced by `Flow`'s JSON-Schema
 * via the `definition` "MessageConfig".
 */
export interface MessageConfig {
  prompt: Prompt;
}
/**
 * Plays a prompt and collects one key (0-9, *, #); one output per configured key. Retries with their own prompts, then leaves by timeout or invalid.
 *
 * This interface was referenced by `Flow`'s JSON-Schema
 * via the `definition` "MenuConfig".
 */
export interface MenuConfig {
  prompt: Prompt;
  /**
   * Keys that lead somewhere; each becomes an output named after the key.
   *
   * @minItems 1
   * @maxItems 12
   */
  keys: {
    key: DtmfKey;
    /**
     * What the key does, shown on the canvas (e.g. "Sales").
     */
    label?: string;
  }[];
  /**
   * Seconds to wait for a key after the prompt has finished.
   */
  timeoutSeconds?: number;
  /**
   * Extra attempts after a timeout or an invalid key before leaving by `timeout` / `invalid`.
   */
  retries?: number;
  noInputPrompt?: Prompt;
  invalidPrompt?: Prompt;
  /**
   * A key pressed while the prompt plays is taken at once.
   */
  bargeIn?: boolean;
}
/**
 * Collects several digits into a variable (length, terminator key, pattern, timeouts, retries).
 *
 * This interface was referenced by `Flow`'s JSON-Schema
 * via the `definition` "InputConfig".
 */
export interface InputConfig {
  prompt: Prompt;
  variable: VariableName;
  /**
   * Minimum number of digits.
   */
  minLength?: number;
  /**
   * Maximum number of digits; input ends as soon as it is reached.
   */
  maxLength?: number;
  /**
   * Key that ends the input early (not stored).
   */
  terminator?: '#' | '*' | 'none';
  /**
   * Seconds to wait for the first digit after the prompt.
   */
  firstDigitTimeoutSeconds?: number;
  /**
   * Seconds to wait between digits; when it elapses the input ends.
   */
  interDigitTimeoutSeconds?: number;
  /**
   * Optional regular expression the whole input must match (e.g. ^0[1-9][0-9]{8}$).
   */
  pattern?: string;
  /**
   * Extra attempts after a timeout or invalid input.
   */
  retries?: number;
  noInputPrompt?: Prompt;
  invalidPrompt?: Prompt;
  /**
   * Digits typed during the prompt count.
   */
  bargeIn?: boolean;
  /**
   * Mask the digits in the call path, logs and events (e.g. card numbers).
   */
  sensitive?: boolean;
}
/**
 * Routes by a business-hours calendar evaluated at call time in its time zone: weekly ranges, dated exceptions and public holidays.
 *
 * This interface was referenced by `Flow`'s JSON-Schema
 * via the `definition` "HoursConfig".
 */
export interface HoursConfig {
  calendarId: ObjectId;
}
/**
 * Rings a group of agents (simultaneous, cascade) or holds the caller in a queue until an agent is free. An answered call is bridged and the flow ends there.
 *
 * This interface was referenced by `Flow`'s JSON-Schema
 * via the `definition` "QueueGroupConfig".
 */
export interface QueueGroupConfig {
  groupId: ObjectId;
  /**
   * simultaneous: all available members ring, first to answer wins; cascade: members one after the other in group order; queue: wait with hold music, first come first served, longest waiting caller to the next free agent.
   */
  strategy?: 'simultaneous' | 'cascade' | 'queue';
  /**
   * Ring time per attempt: per member in cascade (a member's own ring time in the group overrides it), for all members in simultaneous, per offered agent in queue.
   */
  ringTimeSeconds?: number;
  /**
   * Skip members who are busy or unavailable instead of ringing them.
   */
  skipBusy?: boolean;
  /**
   * Cascade only: how many times the member list is tried.
   */
  cascadeRounds?: number;
  holdMusicSoundId?: ObjectId;
  /**
   * Queue only: tell the caller their position in the queue.
   */
  announcePosition?: boolean;
  /**
   * Queue only: seconds between position announcements.
   */
  announceIntervalSeconds?: number;
  /**
   * Longest time the caller stays in this step before leaving by `timeout`.
   */
  maxWaitSeconds?: number;
  /**
   * Queue only: callers already waiting beyond which a new caller leaves by `full`.
   */
  maxQueueSize?: number;
}
/**
 * Sends the call to an agent, a group (all available members at once), another flow, or an external number (checked against the call's transfer policy).
 *
 * This interface was referenced by `Flow`'s JSON-Schema
 * via the `definition` "RedirectConfig".
 */
export interface RedirectConfig {
  /**
   * Where the call goes.
   */
  target: {
    /**
     * agent, group, flow or external number.
     */
    kind: 'agent' | 'group' | 'flow' | 'external';
    agentId?: ObjectId;
    groupId?: ObjectId;
    flowId?: ObjectId;
    number?: DialledNumber;
  };
  /**
   * How long the target rings before `no_answer`.
   */
  ringTimeoutSeconds?: number;
}
/**
 * Greeting, beep, then records the caller to an agent's or a group's mailbox until a key, silence or the maximum length.
 *
 * This interface was referenced by `Flow`'s JSON-Schema
 * via the `definition` "VoicemailConfig".
 */
export interface VoicemailConfig {
  greeting?: Prompt;
  /**
   * Play a beep before recording.
   */
  beep?: boolean;
  /**
   * Whose mailbox receives the recording.
   */
  mailbox: {
    /**
     * agent or group mailbox.
     */
    kind: 'agent' | 'group';
    agentId?: ObjectId;
    groupId?: ObjectId;
  };
  /**
   * Longest recording.
   */
  maxLengthSeconds?: number;
  /**
   * Key that ends the recording.
   */
  finishKey?: '#' | '*' | 'any' | 'none';
  /**
   * Seconds of silence that end the recording.
   */
  silenceSeconds?: number;
  /**
   * hangup: thank and hang up; next: continue by the `next` output.
   */
  afterRecording?: 'hangup' | 'next';
}
/**
 * Records a callback request for a group (caller's number or a typed one, read back for confirmation); the earliest callback time is the next opening of a calendar.
 *
 * This interface was referenced by `Flow`'s JSON-Schema
 * via the `definition` "CallbackConfig".
 */
export interface CallbackConfig {
  /**
   * caller: the caller's number; typed: the caller types the number to call back.
   */
  numberSource?: 'caller' | 'typed';
  /**
   * When the caller's number is hidden, ask them to type one instead of failing.
   */
  askIfAnonymous?: boolean;
  numberPrompt?: Prompt;
  /**
   * Seconds to wait for each digit of a typed number.
   */
  digitTimeoutSeconds?: number;
  /**
   * Read the number back and ask 1 to confirm, 2 to retype.
   */
  confirmNumber?: boolean;
  confirmNumberPrompt?: Prompt;
  /**
   * Extra attempts to type a valid number.
   */
  retries?: number;
  groupId: ObjectId;
  calendarId?: ObjectId;
  confirmationPrompt?: Prompt;
  /**
   * Attempts to reach the customer when calling back.
   */
  maxAttempts?: number;
  /**
   * Minutes between callback attempts.
   */
  retryIntervalMinutes?: number;
}
/**
 * Sends an SMS to the caller or a fixed number; the text is a template with {{variables}}.
 *
 * This interface was referenced by `Flow`'s JSON-Schema
 * via the `definition` "SmsConfig".
 */
export interface SmsConfig {
  /**
   * Recipient.
   */
  to: {
    /**
     * caller or a fixed number.
     */
    kind: 'caller' | 'fixed';
    number?: E164;
  };
  fromNumberId?: ObjectId;
  template: Template;
}
/**
 * Policy step: from here on, this call may not be transferred (by the flow or by an agent) to external numbers matching the rules.
 *
 * This interface was referenced by `Flow`'s JSON-Schema
 * via the `definition` "ForbiddenTransferConfig".
 */
export interface ForbiddenTransferConfig {
  /**
   * all-external: no external number at all; lists: only those matching presets, patterns or lists.
   */
  mode?: 'all-external' | 'lists';
  /**
   * Built-in number classes.
   *
   * Items: premium-rate (e.g. +338 9x), international (outside homeCountryCode), mobile, short codes.
   */
  presets?: ('premium-rate' | 'international' | 'mobile' | 'short-codes')[];
  /**
   * Numbers (+33612345678) or prefixes ending in * (+3389*).
   *
   * @maxItems 500
   */
  patterns?: NumberPattern[];
  /**
   * Forbidden-destination lists of the organisation.
   *
   * @maxItems 50
   */
  forbiddenListIds?: ObjectId[];
  /**
   * Country calling code regarded as national by the international preset.
   */
  homeCountryCode?: string;
}
/**
 * Branches on the caller's number: listed numbers/prefixes (an allow or a deny list), anonymous callers.
 *
 * This interface was referenced by `Flow`'s JSON-Schema
 * via the `definition` "FilterConfig".
 */
export interface FilterConfig {
  /**
   * Whether the list names allowed (e.g. VIP) or denied callers; for the editor's labels only.
   */
  purpose?: 'allow' | 'deny';
  /**
   * Caller numbers (+33612345678) or prefixes ending in * (+3389*).
   *
   * @minItems 1
   * @maxItems 2000
   */
  patterns: NumberPattern[];
  /**
   * Where hidden numbers go: their own `anonymous` output, or treated as `match` / `no_match`.
   */
  anonymous?: 'anonymous' | 'match' | 'no_match';
}
/**
 * Distributes calls between branches by percentage (summing to 100).
 *
 * This interface was referenced by `Flow`'s JSON-Schema
 * via the `definition` "SplitConfig".
 */
export interface SplitConfig {
  /**
   * One output per branch.
   *
   * @minItems 2
   * @maxItems 10
   */
  branches: {
    id: OutputId;
    label?: string;
    /**
     * Share of calls, percent.
     */
    percent: number;
  }[];
}
/**
 * Sets a call variable from an expression.
 *
 * This interface was referenced by `Flow`'s JSON-Schema
 * via the `definition` "VariableConfig".
 */
export interface VariableConfig {
  name: VariableName;
  expression: Expression;
}
/**
 * Calls a web service (URL and body templates, headers, timeout, retries) and maps response fields into variables.
 *
 * This interface was referenced by `Flow`'s JSON-Schema
 * via the `definition` "HttpRequestConfig".
 */
export interface HttpRequestConfig {
  /**
   * HTTP method.
   */
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: Template;
  /**
   * @maxItems 20
   */
  headers?: {
    name: string;
    value: Template;
    /**
     * Never shown in logs, call paths or API reads (e.g. Authorization).
     */
    secret?: boolean;
  }[];
  body?: Template;
  contentType?: string;
  /**
   * Per attempt; at most 15 s.
   */
  timeoutSeconds?: number;
  /**
   * Extra attempts after a network error, a timeout or a 5xx.
   */
  retries?: number;
  statusVariable?: VariableName;
  /**
   * JSON response fields copied into variables.
   *
   * @maxItems 50
   */
  responseMappings?: {
    /**
     * JSON pointer into the response body, e.g. /customer/id.
     */
    pointer: string;
    variable: VariableName;
  }[];
}
/**
 * Tests expressions in order; the first true branch is taken, else `else`.
 *
 * This interface was referenced by `Flow`'s JSON-Schema
 * via the `definition` "ConditionConfig".
 */
export interface ConditionConfig {
  /**
   * @minItems 1
   * @maxItems 20
   */
  branches: {
    id: OutputId;
    label?: string;
    expression: Expression;
  }[];
}
/**
 * Ends the call, optionally after a final prompt.
 *
 * This interface was referenced by `Flow`'s JSON-Schema
 * via the `definition` "HangupConfig".
 */
export interface HangupConfig {
  prompt?: Prompt;
  /**
   * How the call is ended (before answer: busy/rejected signalled to the caller).
   */
  cause?: 'normal' | 'busy' | 'rejected';
}

/** Configuration type of each step type id. */
export interface StepConfigMap {
  "message": MessageConfig;
  "menu": MenuConfig;
  "input": InputConfig;
  "hours": HoursConfig;
  "queue-group": QueueGroupConfig;
  "redirect": RedirectConfig;
  "voicemail": VoicemailConfig;
  "callback": CallbackConfig;
  "sms": SmsConfig;
  "forbidden-transfer": ForbiddenTransferConfig;
  "filter": FilterConfig;
  "split": SplitConfig;
  "variable": VariableConfig;
  "http-request": HttpRequestConfig;
  "condition": ConditionConfig;
  "hangup": HangupConfig;
}
