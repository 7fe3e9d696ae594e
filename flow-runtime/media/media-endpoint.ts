// The MediaEndpoint contract: what a call session needs from media, and nothing about how it
// is done. The in-process RTP implementation (rtp-endpoint.ts) is one implementation; a
// FreeSWITCH (drachtio-fsmrf) or rtpengine adapter must be able to implement the same types.
//
// Conventions every implementation keeps:
// - Every long operation takes an optional AbortSignal. Aborting rejects the promise with
//   MediaError `media.aborted` and leaves nothing half-done (an aborted recording is deleted).
// - Stopping on purpose (stopPlayback, stopRecording) is not an error: the promise resolves
//   with reason 'stopped'. Closing the endpoint resolves pending plays/recordings with reason
//   'closed' (a recording keeps what was captured) and rejects other operations with `media.closed`.
// - Once negotiated, an endpoint sends RTP without pause whenever the remote's SDP direction lets
//   it send: prompts, digits, relayed media, and silence in between (carriers and SBCs hang up
//   calls whose RTP stops). Nothing at all while the remote is sendonly/inactive (on hold).
// - Errors are MediaError with a stable code (errors.ts).
// - Events are delivered asynchronously to the operation that caused them, never re-entrantly
//   inside a call to the endpoint.
import type { MediaErrorCode } from './errors';

export type CodecName = 'PCMU' | 'PCMA';

/** SDP direction attribute, from this endpoint's point of view. */
export type MediaDirection = 'sendrecv' | 'sendonly' | 'recvonly' | 'inactive';

export type DtmfDigit = '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9' | '*' | '#' | 'A' | 'B' | 'C' | 'D';

/** Where a digit came from. */
export type DtmfSource = 'rfc4733' | 'info' | 'inband';

export interface DtmfEvent {
  digit: DtmfDigit;
  /** How long the key was held, in ms (RFC 4733 duration, INFO Duration, or measured tone length). */
  durationMs: number;
  source: DtmfSource;
  /** performance.now() at which the digit ended (or was received, for INFO). */
  at: number;
}

/** Something to play. A `play()` call takes one source or a sequence, played back to back. */
export type PromptSource =
  /** Raw PCM16 samples (mono). Resampled to 8 kHz if `sampleRate` differs. */
  | { kind: 'samples'; samples: Int16Array; sampleRate?: number }
  /** An audio file (WAV in any rate/format; MP3 when ffmpeg is installed), converted once and cached. */
  | { kind: 'file'; path: string }
  /** Text-to-speech, cached by text, voice and rate. */
  | { kind: 'tts'; text: string; voice: 'fr' | 'en'; rate?: number }
  /**
   * A generated tone: 'ringback' is the French ringback (440 Hz, 1.5 s on / 3.5 s off, one
   * cycle; loop it), 'hold' is the built-in gentle hold melody, 'beep' the 1 kHz 200 ms record beep.
   */
  | { kind: 'tone'; tone: 'ringback' | 'hold' | 'beep' }
  | { kind: 'silence'; ms: number };

export interface PlayOptions {
  /** Repeat the sources until stopped (hold music, ringback). */
  loop?: boolean;
  /** Stop the prompt as soon as a digit starts (menus). The digit is still emitted as 'dtmf'. */
  bargeIn?: boolean;
  signal?: AbortSignal;
  /**
   * A source that cannot be produced (TTS engine missing or failing, unreadable file) plays the
   * built-in "prompt unavailable" chime instead of rejecting the play; the result lists it in
   * `fallbacks`. Live calls set it: a caller must never hear dead air. Default false.
   */
  fallback?: boolean;
}

/** A source replaced by the fallback chime (PlayOptions.fallback). */
export interface PromptFallback {
  /** Its position in the sources given to play(), once set by the endpoint. */
  index?: number;
  kind: PromptSource['kind'];
  code: string;
  reason: string;
}

export interface PlayResult {
  /** 'finished': played to the end; 'stopped': stopPlayback() or a newer play(); 'barge-in': a digit; 'closed': endpoint closed. */
  reason: 'finished' | 'stopped' | 'barge-in' | 'closed';
  /** Audio actually sent, in ms. */
  playedMs: number;
  /** Sources replaced by the fallback chime (only with PlayOptions.fallback). */
  fallbacks?: PromptFallback[];
}

export interface RecordOptions {
  /** Where to write the WAV (PCM16, 8 kHz, mono). Default: `<recordingsDir>/<endpoint id>-<n>.wav`. */
  path?: string;
  /** Hard limit on the recording length. */
  maxDurationMs: number;
  /** Any of these digits ends the recording (reason 'finish-key'); the digit is not part of the audio count. */
  finishKeys?: string | readonly string[];
  /** End after this much continuous silence (reason 'silence'). 0 or absent: never. */
  silenceTimeoutMs?: number;
  /** Audio quieter than this RMS level (dBFS) counts as silence. Default -45. */
  silenceThresholdDb?: number;
  /**
   * 'received' (default): what the remote side sends (a voicemail). 'both': that, mixed into the
   * same mono track with what this endpoint sends it (relayed audio of a bridged leg, prompts,
   * hold music), aligned on the media clock: a call recording of both parties.
   */
  sides?: 'received' | 'both';
  signal?: AbortSignal;
}

export interface RecordingResult {
  path: string;
  /** Size of the WAV file in bytes. */
  bytes: number;
  /** Length of the recorded audio (derived from RTP timestamps, so it matches what was sent). */
  durationMs: number;
  reason: 'max-duration' | 'finish-key' | 'silence' | 'stopped' | 'closed';
  /** The digit that ended it, for 'finish-key'. */
  digit?: DtmfDigit;
}

export interface BridgeOptions {
  /** 'forward' (default): digits pressed on one side are re-sent as RFC 4733 to the other; 'consume': only emitted as 'dtmf' events. */
  dtmf?: 'forward' | 'consume';
}

export interface SendDtmfOptions {
  /** Per digit, default 100 ms. */
  durationMs?: number;
  /** Pause between digits, default 60 ms. */
  gapMs?: number;
  signal?: AbortSignal;
}

/** Jitter of paced sends against the 20 ms grid. */
export interface PacingStats {
  /** Number of paced packets measured. */
  samples: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

export interface EndpointStats {
  packetsSent: number;
  packetsReceived: number;
  bytesSent: number;
  bytesReceived: number;
  /** Received packets missing according to sequence numbers. */
  packetsLost: number;
  /** Send-time deviation from the 20 ms grid of this endpoint's paced packets. */
  pacing: PacingStats;
}

export interface TransportAddress {
  address: string;
  port: number;
}

export interface MediaEndpointEvents {
  /** A digit ended (one event per key press, whatever the number of redundant packets). */
  dtmf: (event: DtmfEvent) => void;
  /** A digit started (RFC 4733 first packet or in-band tone onset): lets menus barge in early. */
  'dtmf-begin': (event: { digit: DtmfDigit; source: DtmfSource }) => void;
  /** A play() ended, for whatever reason. */
  'playback-finished': (result: PlayResult) => void;
  /** The endpoint was closed (by close() or by its server shutting down). */
  closed: () => void;
  /** A background failure (socket error…); the endpoint may still be usable. */
  error: (error: Error & { code?: MediaErrorCode }) => void;
}

/** One media leg of a call. */
export interface MediaEndpoint {
  readonly id: string;
  /** The SDP this endpoint wants sent to the remote side: the answer (inbound) or the offer (outbound). */
  readonly localSdp: string;
  /** Negotiated codec; null while an outbound offer awaits its answer. */
  readonly codec: CodecName | null;
  /** Negotiated telephone-event payload type; null when the remote side does not support RFC 4733. */
  readonly dtmfPayloadType: number | null;
  /** Current direction from this endpoint's point of view (sendonly when the remote put us on hold). */
  readonly direction: MediaDirection;
  readonly local: TransportAddress;
  /** Where RTP is sent: from the SDP, then latched to the source of received packets. */
  readonly remote: TransportAddress | null;
  readonly closed: boolean;
  /** The endpoint this one is bridged to, if any. */
  readonly bridgedTo: MediaEndpoint | null;

  /** Applies the SDP answer to our offer (outbound legs). Throws `media.no_common_codec`, `media.state`. */
  setRemoteAnswer(sdp: string): Promise<void>;
  /** Applies a new remote offer (re-INVITE: hold/resume, new address) and returns our new answer. */
  modify(remoteOffer: string): Promise<string>;

  /** Plays a prompt or a sequence of prompts. Replaces (stops) any current playback. Rejects `media.busy` while bridged. */
  play(source: PromptSource | readonly PromptSource[], options?: PlayOptions): Promise<PlayResult>;
  /** Stops the current playback (it resolves 'stopped'); no-op when nothing plays. */
  stopPlayback(): void;
  readonly playing: boolean;

  /** Sends digits as RFC 4733 events (in-band tones when telephone-event was not negotiated). */
  sendDtmf(digits: string, options?: SendDtmfOptions): Promise<void>;
  /** Feeds a SIP INFO body (application/dtmf-relay or application/dtmf); emits 'dtmf' and returns the event, or null when the body holds no digit. */
  handleSipInfo(contentType: string, body: string): DtmfEvent | null;

  /** Records what the remote side sends into a WAV file (also while bridged). Rejects `media.busy` when already recording. */
  record(options: RecordOptions): Promise<RecordingResult>;
  /** Ends the current recording (it resolves 'stopped'); no-op when not recording. */
  stopRecording(): void;
  readonly recording: boolean;

  /** Relays media both ways with another endpoint of the same implementation; stops any playback on both. */
  bridge(other: MediaEndpoint, options?: BridgeOptions): Promise<void>;
  /** Ends the bridge (both sides); no-op when not bridged. */
  unbridge(): Promise<void>;

  stats(): EndpointStats;

  /** Stops everything, releases the port. Idempotent. */
  close(): Promise<void>;

  on<K extends keyof MediaEndpointEvents>(event: K, listener: MediaEndpointEvents[K]): this;
  once<K extends keyof MediaEndpointEvents>(event: K, listener: MediaEndpointEvents[K]): this;
  off<K extends keyof MediaEndpointEvents>(event: K, listener: MediaEndpointEvents[K]): this;
}

export interface CreateEndpointOptions {
  /** The remote offer (inbound INVITE, or a 183/200 offer). Absent: the endpoint makes an offer (outbound legs). */
  remoteSdp?: string;
  /** Codecs to accept/offer, in preference order for offers. Default ['PCMU', 'PCMA']. */
  codecs?: readonly CodecName[];
  /**
   * Run in-band (Goertzel) DTMF detection on received audio: 'auto' (default) only when the far end
   * did not negotiate telephone-event (RFC 4733 carries its digits; a held call then pays nothing
   * for detection), 'always' whatever was negotiated (an RFC 4733 digit still suppresses its own
   * tone for 250 ms), 'never'.
   */
  inbandDtmf?: 'auto' | 'always' | 'never';
  /** A label for logs (call id, leg id). */
  label?: string;
  signal?: AbortSignal;
}

export interface CreateConferenceOptions {
  /** A label for logs (call id). */
  label?: string;
}

export interface ConferenceStats {
  participants: number;
  /** Mix ticks run for this conference. */
  ticks: number;
  /** 20 ms frames mixed from a participant's packets, per participant id (endpoint id). */
  framesHeard: Record<string, number>;
  /** Frames missing when their tick was mixed (lost, late, or the participant was silent/not sending): mixed as silence. */
  framesMissing: Record<string, number>;
  /** Packets that arrived after their frame had been mixed (dropped). */
  latePackets: Record<string, number>;
}

/**
 * An N-way audio conference (small N, at most MAX_CONFERENCE_PARTICIPANTS): every participant
 * hears the sum of the others, never itself. A participant keeps its own codec, SDP direction,
 * DTMF events ('dtmf' is still emitted on its endpoint; RFC 4733 packets are not forwarded to
 * the others) and its own record(). While in a conference an endpoint cannot play or bridge
 * (`media.busy`); remove() gives it back (it then sends silence, like any idle answered leg).
 */
export interface MediaConference {
  readonly id: string;
  readonly label: string;
  readonly participants: readonly MediaEndpoint[];
  readonly closed: boolean;
  /** Adds an endpoint of the same server: unbridges it and stops its playback first. No-op if already in. */
  add(endpoint: MediaEndpoint): Promise<void>;
  /** Takes an endpoint out (a closed endpoint leaves by itself). No-op if not in. */
  remove(endpoint: MediaEndpoint): Promise<void>;
  /** Records the full mix (everyone) into a WAV file. Rejects `media.busy` when already recording. */
  record(options: RecordOptions): Promise<RecordingResult>;
  stopRecording(): void;
  readonly recording: boolean;
  stats(): ConferenceStats;
  /** Removes every participant (their legs stay up) and ends a recording ('closed'). Idempotent. */
  close(): Promise<void>;
}

/** Creates endpoints; one per process (or per media server for an external implementation). */
export interface MediaServer {
  createEndpoint(options?: CreateEndpointOptions): Promise<MediaEndpoint>;
  /**
   * A new, empty conference mixed by this server (both in-process servers, main thread and
   * worker, mix). A server that cannot mix rejects with `media.not_supported`.
   */
  createConference(options?: CreateConferenceOptions): Promise<MediaConference>;
  /** Sum of all endpoints' pacing figures (for benchmarks and health). */
  pacingStats(): PacingStats & { packetsSent: number; packetsReceived: number; endpoints: number };
  /** Closes every endpoint and stops the scheduler. */
  close(): Promise<void>;
}
