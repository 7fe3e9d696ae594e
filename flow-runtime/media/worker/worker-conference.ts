// The main-thread side of a conference mixed in the media worker (conference-mixer.ts runs
// there, on the worker's clock, with the participants' RtpEndpoints). Operations become
// requests (MediaError codes kept); `participants` is kept here from the replies, minus legs
// that have closed (the worker's conference drops those by itself); `stats()` reads the
// snapshot the worker pushes every statsIntervalMs (refreshStats() on the server for a fresh one).
import { MediaError } from '../errors';
import type { ConferenceStats, MediaConference, MediaEndpoint, RecordingResult, RecordOptions } from '../media-endpoint';
import type { ConferenceCall } from './protocol';
import type { RequestOptions, WorkerConnection } from './worker-connection';
import { WorkerEndpoint } from './worker-endpoint';

/** Which proxy conference a proxy endpoint is in, so moving it to another conference updates both lists. */
const membership = new WeakMap<WorkerEndpoint, WorkerConference>();

export class WorkerConference implements MediaConference {
  private members: WorkerEndpoint[] = [];
  private closedHere = false;
  private recordings = 0;

  constructor(
    private readonly connection: WorkerConnection,
    readonly id: string,
    readonly label: string,
  ) {}

  get closed(): boolean {
    return this.closedHere || this.connection.dead;
  }

  get participants(): readonly MediaEndpoint[] {
    return this.members.filter((ep) => !ep.closed);
  }

  get recording(): boolean {
    return this.recordings > 0;
  }

  async add(endpoint: MediaEndpoint): Promise<void> {
    if (!(endpoint instanceof WorkerEndpoint) || !endpoint.belongsTo(this.connection)) {
      throw new MediaError('media.invalid_argument', 'A conference takes endpoints of the media server (and media worker) that created it.');
    }
    await this.call({ op: 'conferenceAdd', conference: this.id, endpoint: endpoint.id });
    const previous = membership.get(endpoint);
    if (previous && previous !== this) previous.forget(endpoint);
    membership.set(endpoint, this);
    this.members = this.members.filter((ep) => !ep.closed && ep !== endpoint);
    this.members.push(endpoint);
  }

  async remove(endpoint: MediaEndpoint): Promise<void> {
    if (!(endpoint instanceof WorkerEndpoint) || !this.members.includes(endpoint)) return;
    await this.call({ op: 'conferenceRemove', conference: this.id, endpoint: endpoint.id });
    this.forget(endpoint);
  }

  async record(options: RecordOptions): Promise<RecordingResult> {
    const { signal, ...rest } = options;
    this.recordings++;
    try {
      return await this.call<RecordingResult>(
        { op: 'conferenceRecord', conference: this.id, options: rest },
        { signal, onDeath: (reason) => ({ error: new MediaError('media.record_failed', `The conference recording was lost: ${reason}.`) }) },
      );
    } finally {
      this.recordings--;
    }
  }

  stopRecording(): void {
    if (this.closed) return;
    this.connection.request({ op: 'conferenceStopRecording', conference: this.id }).catch(() => undefined);
  }

  stats(): ConferenceStats {
    return this.connection.conferenceStats.get(this.id) ?? { participants: this.participants.length, ticks: 0, framesHeard: {}, framesMissing: {}, latePackets: {} };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closedHere = true;
    for (const ep of this.members) if (membership.get(ep) === this) membership.delete(ep);
    this.members = [];
    // straight to the connection: this.call() refuses once closedHere is set, and the worker must
    // hear of the close (else its legs stay seated there and can never be bridged again)
    await this.connection.request({ op: 'conferenceClose', conference: this.id }, { onDeath: () => ({ value: undefined }) }).catch((err: unknown) => {
      if (!(err instanceof MediaError && err.code === 'media.closed')) throw err;
    });
  }

  private forget(endpoint: WorkerEndpoint): void {
    this.members = this.members.filter((ep) => ep !== endpoint);
    if (membership.get(endpoint) === this) membership.delete(endpoint);
  }

  private call<T>(call: ConferenceCall, options?: RequestOptions): Promise<T> {
    if (this.closedHere) return Promise.reject(new MediaError('media.closed', `${call.op}: the conference ${this.label} is closed.`));
    return this.connection.request<T>(call, options);
  }
}
