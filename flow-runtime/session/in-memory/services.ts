// In-memory HTTP, SMS, callback store, record store, flow store.
import type { CallOutcome, EndReason, HttpHeader, LoadedFlow, PathEntry } from '../../interpreter';
import type { CallbackStore, Clock, FlowsPort, HttpPort, RecordStore, SmsPort } from '../ports';

export type HttpRequestLog = { method: string; url: string; headers: HttpHeader[]; body: string | null; timeoutMs: number };
export type HttpScript = (request: HttpRequestLog) => { status: number; body: string } | { error: 'timeout' | 'network' } | 'hang';

export class InMemoryHttp implements HttpPort {
  readonly requests: HttpRequestLog[] = [];
  constructor(
    private readonly clock: Clock,
    public script: HttpScript = () => ({ status: 200, body: '{}' }),
    private readonly delayMs = 100,
  ) {}

  request(request: HttpRequestLog): Promise<{ status: number; body: string }> {
    this.requests.push(request);
    const answer = this.script(request);
    if (answer === 'hang') return new Promise(() => undefined);
    return new Promise((resolve, reject) => {
      this.clock.setTimer(this.delayMs, () => ('error' in answer ? reject({ reason: answer.error }) : resolve(answer)));
    });
  }
}

export class InMemorySms implements SmsPort {
  readonly sent: Array<{ to: string; fromNumberId: string | null; text: string }> = [];
  constructor(public ok = true) {}
  async send(request: { to: string; fromNumberId: string | null; text: string }): Promise<{ ok: boolean }> {
    this.sent.push(request);
    return { ok: this.ok };
  }
}

export class InMemoryCallbacks implements CallbackStore {
  readonly requests: Array<Parameters<CallbackStore['create']>[0] & { id: string }> = [];
  constructor(public fail = false) {}
  async create(request: Parameters<CallbackStore['create']>[0]): Promise<{ id: string }> {
    if (this.fail) throw new Error('callback store unavailable');
    const id = `cb_${this.requests.length + 1}`;
    this.requests.push({ ...request, id });
    return { id };
  }
}

export class InMemoryRecords implements RecordStore {
  readonly paths = new Map<string, PathEntry[]>();
  readonly voicemails: Array<Parameters<RecordStore['storeVoicemail']>[1] & { callId: string }> = [];
  readonly endings = new Map<string, { outcome: CallOutcome | null; reason: EndReason }>();
  constructor(private readonly keepPaths = true) {}

  appendPath(callId: string, entry: PathEntry): void {
    if (!this.keepPaths) return;
    const path = this.paths.get(callId) ?? [];
    path.push(entry);
    this.paths.set(callId, path);
  }

  storeVoicemail(callId: string, request: Parameters<RecordStore['storeVoicemail']>[1]): void {
    this.voicemails.push({ ...request, callId });
  }

  callEnded(callId: string, outcome: CallOutcome | null, reason: EndReason): void {
    this.endings.set(callId, { outcome, reason });
  }
}

export class InMemoryFlows implements FlowsPort {
  constructor(readonly flows = new Map<string, LoadedFlow>()) {}
  async load(flowId: string): Promise<LoadedFlow | null> {
    return this.flows.get(flowId) ?? null;
  }
}
