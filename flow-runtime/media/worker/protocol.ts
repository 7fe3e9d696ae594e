// Messages between the main thread (WorkerMediaServer, WorkerEndpoint) and the media worker
// (media-worker.ts). Everything here is structured-clone friendly: plain objects, no class
// instances, no functions. Times cross the boundary as epoch milliseconds, because each thread's
// performance.now() has its own origin.
import { MediaError, type MediaErrorCode } from '../errors';
import type {
  BridgeOptions,
  CodecName,
  ConferenceStats,
  CreateConferenceOptions,
  CreateEndpointOptions,
  DtmfDigit,
  DtmfSource,
  EndpointStats,
  MediaDirection,
  PacingStats,
  PlayOptions,
  PlayResult,
  PromptSource,
  RecordOptions,
  SendDtmfOptions,
  TransportAddress,
} from '../media-endpoint';
import type { RtpMediaServerOptions } from '../rtp-media-server';

/** What the worker needs to build its RtpMediaServer (workerData). */
export type WorkerServerOptions = Omit<RtpMediaServerOptions, 'prompts'> & {
  /** How often the worker pushes stats (pacing, per-endpoint counters). Default 500 ms. */
  statsIntervalMs?: number;
};

/** The synchronous getters of an endpoint, as last seen by the worker. */
export interface EndpointSnapshot {
  id: string;
  localSdp: string;
  codec: CodecName | null;
  dtmfPayloadType: number | null;
  direction: MediaDirection;
  local: TransportAddress;
  remote: TransportAddress | null;
  closed: boolean;
  /** Id of the endpoint this one is bridged to. */
  bridgedTo: string | null;
  playing: boolean;
  recording: boolean;
}

export type ServerPacing = PacingStats & { packetsSent: number; packetsReceived: number; endpoints: number };
export interface ClockStatsSnapshot {
  wake: PacingStats;
  spread: PacingStats;
  droppedTicks: number;
}

export interface StatsSnapshot {
  server: ServerPacing;
  clock: ClockStatsSnapshot;
  endpoints: Array<[id: string, stats: EndpointStats]>;
  /** Every open conference's counters (absent from workers that predate conferences). */
  conferences?: Array<[id: string, stats: ConferenceStats]>;
}

/** Options without their AbortSignal (the signal stays on the main thread; an 'abort' message replaces it). */
type NoSignal<T> = Omit<T, 'signal'>;

/** One endpoint operation; `endpoint` is the endpoint id. */
export type EndpointCall =
  | { op: 'setRemoteAnswer'; endpoint: string; sdp: string }
  | { op: 'modify'; endpoint: string; sdp: string }
  | { op: 'play'; endpoint: string; sources: PromptSource[]; options: NoSignal<PlayOptions> }
  | { op: 'stopPlayback'; endpoint: string }
  | { op: 'sendDtmf'; endpoint: string; digits: string; options: NoSignal<SendDtmfOptions> }
  /** A digit already parsed from a SIP INFO on the main thread. */
  | { op: 'sipInfoDigit'; endpoint: string; digit: DtmfDigit; durationMs: number }
  | { op: 'record'; endpoint: string; options: NoSignal<RecordOptions> }
  | { op: 'stopRecording'; endpoint: string }
  | { op: 'bridge'; endpoint: string; other: string; options: BridgeOptions }
  | { op: 'unbridge'; endpoint: string }
  | { op: 'close'; endpoint: string };

/** One conference operation; `conference` is the conference id, `endpoint` an endpoint id. */
export type ConferenceCall =
  | { op: 'conferenceAdd'; conference: string; endpoint: string }
  | { op: 'conferenceRemove'; conference: string; endpoint: string }
  | { op: 'conferenceRecord'; conference: string; options: NoSignal<RecordOptions> }
  | { op: 'conferenceStopRecording'; conference: string }
  | { op: 'conferenceClose'; conference: string };

export type Request =
  | { op: 'create'; options: NoSignal<CreateEndpointOptions> }
  | EndpointCall
  /** Replies { id, label }. */
  | { op: 'conferenceCreate'; options: CreateConferenceOptions }
  | ConferenceCall
  | { op: 'stats' }
  | { op: 'resetStats' }
  | { op: 'closeServer' }
  /** Tests only: throws an uncaught error inside the worker, which kills it. */
  | { op: 'crash' };

/** Main → worker. */
export type ToWorker =
  | { type: 'request'; id: number; request: Request }
  /** The AbortSignal of request `id` fired. */
  | { type: 'abort'; id: number };

export interface WireError {
  name: string;
  message: string;
  code?: MediaErrorCode;
}

/** Worker → main. `states` are applied before the reply or event is delivered. */
export type FromWorker =
  | { type: 'ready' }
  | { type: 'reply'; id: number; ok: true; value: unknown; states: EndpointSnapshot[] }
  | { type: 'reply'; id: number; ok: false; error: WireError; states: EndpointSnapshot[] }
  | { type: 'event'; endpoint: string; event: WorkerEvent; states: EndpointSnapshot[] }
  | { type: 'states'; states: EndpointSnapshot[] }
  | { type: 'stats'; stats: StatsSnapshot };

export type WorkerEvent =
  | { name: 'dtmf'; digit: DtmfDigit; durationMs: number; source: DtmfSource; atEpochMs: number }
  | { name: 'dtmf-begin'; digit: DtmfDigit; source: DtmfSource }
  | { name: 'playback-finished'; result: PlayResult }
  /** With the endpoint's final counters (stats() keeps answering them after close, as in-process). */
  | { name: 'closed'; stats: EndpointStats }
  | { name: 'error'; error: WireError };

export function toWireError(err: unknown): WireError {
  if (err instanceof Error) {
    const code = (err as { code?: unknown }).code;
    return { name: err.name, message: err.message, ...(typeof code === 'string' && code.startsWith('media.') ? { code: code as MediaErrorCode } : {}) };
  }
  return { name: 'Error', message: String(err) };
}

/** A MediaError (same code) when the worker threw one; a plain Error otherwise. */
export function fromWireError(wire: WireError): Error {
  if (wire.code) return new MediaError(wire.code, wire.message);
  const err = new Error(wire.message);
  err.name = wire.name;
  return err;
}

/** performance.now() of this thread → epoch ms, and back. */
export const toEpochMs = (perfNow: number): number => performance.timeOrigin + perfNow;
export const fromEpochMs = (epochMs: number): number => epochMs - performance.timeOrigin;
