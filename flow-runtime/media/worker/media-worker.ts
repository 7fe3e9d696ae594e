// The media worker: hosts one RtpMediaServer on its own thread, so the 20 ms clock, RTP sending
// and receiving, DTMF detection and recording never wait for the main thread (SIP signalling,
// sessions, database). Started by WorkerConnection through bootstrap.mjs (which loads this
// TypeScript file with tsx); talks to it only through the messages of protocol.ts.
//
// - Requests are answered in order of completion with a 'reply' (value or error). Long ones
//   (play, record, sendDtmf, create) get an AbortController; an 'abort' message fires it.
// - Endpoint events are forwarded as they happen ('event').
// - The endpoints' synchronous state is pushed when it changes: with each reply and event (for
//   the endpoints concerned), while a play/record waits for its prompt or start (checked every
//   20 ms), and for every endpoint every `statsIntervalMs`, together with the stats.
import { parentPort, workerData } from 'node:worker_threads';
import type { MediaConference, MediaEndpoint, PromptSource } from '../media-endpoint';
import { RtpEndpoint } from '../rtp-endpoint';
import { RtpMediaServer } from '../rtp-media-server';
import { MediaError } from '../errors';
import { toEpochMs, toWireError, type ConferenceCall, type EndpointCall, type EndpointSnapshot, type FromWorker, type Request, type StatsSnapshot, type ToWorker, type WorkerServerOptions } from './protocol';

if (!parentPort) throw new Error('media-worker.ts must run inside a worker thread (see worker-media-server.ts)');
const port = parentPort;
const options = (workerData ?? {}) as WorkerServerOptions;
const { statsIntervalMs = 500, ...serverOptions } = options;
const server = new RtpMediaServer(serverOptions);

const endpoints = new Map<string, RtpEndpoint>();
const conferences = new Map<string, MediaConference>();
const lastSent = new Map<string, EndpointSnapshot>();
const aborts = new Map<number, AbortController>();
/** Endpoints whose play/record request waits to start: their playing/recording flags are checked every 20 ms. */
const watched = new Map<RtpEndpoint, { playing: boolean; recording: boolean; pending: number; want: Set<'playing' | 'recording'> }>();
let watchTimer: NodeJS.Timeout | null = null;

function send(message: FromWorker): void {
  port.postMessage(message);
}

function snapshot(ep: RtpEndpoint): EndpointSnapshot {
  return {
    id: ep.id,
    localSdp: ep.localSdp,
    codec: ep.codec,
    dtmfPayloadType: ep.dtmfPayloadType,
    direction: ep.direction,
    local: ep.local,
    remote: ep.remote,
    closed: ep.closed,
    bridgedTo: ep.bridgedTo?.id ?? null,
    playing: ep.playing,
    recording: ep.recording,
  };
}

function same(a: EndpointSnapshot, b: EndpointSnapshot): boolean {
  return (
    a.localSdp === b.localSdp &&
    a.codec === b.codec &&
    a.dtmfPayloadType === b.dtmfPayloadType &&
    a.direction === b.direction &&
    a.remote?.address === b.remote?.address &&
    a.remote?.port === b.remote?.port &&
    a.closed === b.closed &&
    a.bridgedTo === b.bridgedTo &&
    a.playing === b.playing &&
    a.recording === b.recording
  );
}

/** Snapshots of the given endpoints that differ from what the main thread last got. */
function changed(eps: Iterable<RtpEndpoint | null | undefined>): EndpointSnapshot[] {
  const out: EndpointSnapshot[] = [];
  for (const ep of new Set(eps)) {
    if (!ep || (ep.closed && !lastSent.has(ep.id))) continue; // a closed endpoint is reported once
    const s = snapshot(ep);
    const before = lastSent.get(ep.id);
    if (before && same(before, s)) continue;
    out.push(s);
    if (ep.closed) lastSent.delete(ep.id);
    else lastSent.set(ep.id, s);
  }
  return out;
}

function register(ep: RtpEndpoint): void {
  endpoints.set(ep.id, ep);
  lastSent.set(ep.id, snapshot(ep));
  const forward = (event: Extract<FromWorker, { type: 'event' }>['event']): void => {
    send({ type: 'event', endpoint: ep.id, event, states: changed([ep, ep.bridgedTo]) });
  };
  ep.on('dtmf', (e) => forward({ name: 'dtmf', digit: e.digit, durationMs: e.durationMs, source: e.source, atEpochMs: toEpochMs(e.at) }));
  ep.on('dtmf-begin', (e) => forward({ name: 'dtmf-begin', digit: e.digit, source: e.source }));
  ep.on('playback-finished', (result) => forward({ name: 'playback-finished', result }));
  ep.on('error', (err) => forward({ name: 'error', error: toWireError(err) }));
  ep.on('closed', () => {
    forward({ name: 'closed', stats: ep.stats() });
    endpoints.delete(ep.id);
    lastSent.delete(ep.id);
    watched.delete(ep);
  });
}

function endpoint(id: string): RtpEndpoint {
  const ep = endpoints.get(id);
  if (!ep) throw new MediaError('media.closed', `No open endpoint ${id} in the media worker (closed, or created by a previous worker).`);
  return ep;
}

function watch(ep: RtpEndpoint, want: 'playing' | 'recording'): () => void {
  const w = watched.get(ep) ?? { playing: ep.playing, recording: ep.recording, pending: 0, want: new Set() };
  w.pending++;
  w.want.add(want);
  watched.set(ep, w);
  watchTimer ??= setInterval(checkWatched, 20);
  return () => {
    if (--w.pending <= 0 && watched.get(ep) === w) watched.delete(ep);
    stopWatchTimerIfIdle();
  };
}

/**
 * Pushes the state of watched endpoints whose playing/recording flag moved. Once what they wait
 * for has started they are no longer watched (the end comes with the reply).
 */
function checkWatched(): void {
  const moved: RtpEndpoint[] = [];
  for (const [ep, w] of watched) {
    if (ep.playing === w.playing && ep.recording === w.recording) continue;
    w.playing = ep.playing;
    w.recording = ep.recording;
    moved.push(ep);
    if ([...w.want].every((flag) => ep[flag])) watched.delete(ep);
  }
  const states = changed(moved);
  if (states.length) send({ type: 'states', states });
  stopWatchTimerIfIdle();
}

function stopWatchTimerIfIdle(): void {
  if (watched.size === 0 && watchTimer) {
    clearInterval(watchTimer);
    watchTimer = null;
  }
}

function statsSnapshot(): StatsSnapshot {
  return {
    server: server.pacingStats(),
    clock: server.clockStats(),
    endpoints: [...endpoints.values()].map((ep) => [ep.id, ep.stats()]),
    conferences: [...conferences.values()].map((c) => [c.id, c.stats()]),
  };
}

async function runCall(call: EndpointCall, signal: AbortSignal | undefined): Promise<{ value: unknown; touched: Array<MediaEndpoint | null> }> {
  const ep = endpoint(call.endpoint);
  const before = ep.bridgedTo;
  const touched = [ep, before];
  switch (call.op) {
    case 'setRemoteAnswer':
      return { value: await ep.setRemoteAnswer(call.sdp), touched };
    case 'modify':
      return { value: await ep.modify(call.sdp), touched };
    case 'play': {
      const unwatch = watch(ep, 'playing');
      try {
        return { value: await ep.play(call.sources as PromptSource[], { ...call.options, signal }), touched };
      } finally {
        unwatch();
      }
    }
    case 'stopPlayback':
      return { value: ep.stopPlayback(), touched };
    case 'sendDtmf':
      return { value: await ep.sendDtmf(call.digits, { ...call.options, signal }), touched };
    case 'sipInfoDigit':
      // Parsed on the main thread; fed back in the one format RtpEndpoint reads, so barge-in,
      // finish keys and forwarding to a bridged leg behave exactly as in-process.
      ep.handleSipInfo('application/dtmf-relay', `Signal=${call.digit}\r\nDuration=${call.durationMs}\r\n`);
      return { value: undefined, touched };
    case 'record': {
      const unwatch = watch(ep, 'recording');
      try {
        return { value: await ep.record({ ...call.options, signal }), touched };
      } finally {
        unwatch();
      }
    }
    case 'stopRecording':
      return { value: ep.stopRecording(), touched };
    case 'bridge': {
      const other = endpoint(call.other);
      const otherBefore = other.bridgedTo;
      await ep.bridge(other, call.options);
      return { value: undefined, touched: [...touched, other, otherBefore] };
    }
    case 'unbridge':
      await ep.unbridge();
      return { value: undefined, touched };
    case 'close':
      await ep.close();
      return { value: undefined, touched };
  }
}

function conference(id: string): MediaConference {
  const conf = conferences.get(id);
  if (!conf) throw new MediaError('media.closed', `No open conference ${id} in the media worker (closed, or created by a previous worker).`);
  return conf;
}

async function runConference(call: ConferenceCall, signal: AbortSignal | undefined): Promise<{ value: unknown; touched: Array<MediaEndpoint | null> }> {
  const conf = conference(call.conference);
  switch (call.op) {
    case 'conferenceAdd': {
      // Joining unbridges the endpoint and stops its playback: both legs' states go back.
      const ep = endpoint(call.endpoint);
      const before = ep.bridgedTo;
      await conf.add(ep);
      return { value: undefined, touched: [ep, before] };
    }
    case 'conferenceRemove':
      await conf.remove(endpoint(call.endpoint));
      return { value: undefined, touched: [] };
    case 'conferenceRecord':
      return { value: await conf.record({ ...call.options, signal }), touched: [] };
    case 'conferenceStopRecording':
      conf.stopRecording();
      return { value: undefined, touched: [] };
    case 'conferenceClose':
      conferences.delete(conf.id);
      await conf.close();
      return { value: undefined, touched: [] };
  }
}

async function run(request: Request, signal: AbortSignal | undefined): Promise<{ value: unknown; touched: Array<MediaEndpoint | null> }> {
  switch (request.op) {
    case 'create': {
      const ep = await server.createEndpoint({ ...request.options, signal });
      if (!(ep instanceof RtpEndpoint)) throw new Error('RtpMediaServer returned an unexpected endpoint type');
      register(ep);
      return { value: snapshot(ep), touched: [] };
    }
    case 'conferenceCreate': {
      const conf = await server.createConference(request.options);
      conferences.set(conf.id, conf);
      return { value: { id: conf.id, label: conf.label }, touched: [] };
    }
    case 'conferenceAdd':
    case 'conferenceRemove':
    case 'conferenceRecord':
    case 'conferenceStopRecording':
    case 'conferenceClose':
      return runConference(request, signal);
    case 'stats':
      return { value: statsSnapshot(), touched: [] };
    case 'resetStats':
      server.resetPacingStats();
      return { value: undefined, touched: [] };
    case 'closeServer':
      clearInterval(statsTimer);
      if (watchTimer) clearInterval(watchTimer);
      await server.close();
      return { value: undefined, touched: [] };
    case 'crash':
      setImmediate(() => {
        throw new Error('media worker crash requested (simulateCrash)');
      });
      return { value: undefined, touched: [] };
    default:
      return runCall(request, signal);
  }
}

const ABORTABLE = new Set<Request['op']>(['create', 'play', 'record', 'sendDtmf', 'conferenceRecord']);

async function handle(id: number, request: Request): Promise<void> {
  const controller = ABORTABLE.has(request.op) ? new AbortController() : undefined;
  if (controller) aborts.set(id, controller);
  try {
    const { value, touched } = await run(request, controller?.signal);
    const eps = touched.flatMap((t) => (t instanceof RtpEndpoint ? [t, t.bridgedTo] : []));
    send({ type: 'reply', id, ok: true, value, states: changed(eps) });
  } catch (err) {
    const ep = 'endpoint' in request ? endpoints.get(request.endpoint) : undefined;
    send({ type: 'reply', id, ok: false, error: toWireError(err), states: changed([ep, ep?.bridgedTo]) });
  } finally {
    aborts.delete(id);
  }
}

port.on('message', (message: ToWorker) => {
  if (message.type === 'abort') aborts.get(message.id)?.abort();
  else void handle(message.id, message.request);
});

const statsTimer = setInterval(() => {
  const states = changed(endpoints.values());
  if (states.length) send({ type: 'states', states });
  send({ type: 'stats', stats: statsSnapshot() });
}, statsIntervalMs);

send({ type: 'ready' });
