// V8 CPU profiles of this process's main thread and of its worker threads (media workers),
// taken for a chosen window (not from start to exit as --cpu-prof does), through the inspector:
// the main thread's own Profiler domain, and each worker's through the NodeWorker domain.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';

interface WorkerTarget { sessionId: string; title: string }

export class CpuProfiler {
  private session: Session | null = null;
  private workers: WorkerTarget[] = [];
  private pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private nextId = 1;

  async start(): Promise<void> {
    if (this.session) return;
    const session = new Session();
    session.connect();
    this.session = session;
    this.workers = [];
    session.on('NodeWorker.attachedToWorker', (msg: { params: { sessionId: string; workerInfo: { title: string } } }) => {
      this.workers.push({ sessionId: msg.params.sessionId, title: msg.params.workerInfo.title });
    });
    session.on('NodeWorker.receivedMessageFromWorker', (msg: { params: { message: string } }) => {
      const reply = JSON.parse(msg.params.message) as { id?: number; result?: unknown; error?: { message: string } };
      const waiter = reply.id !== undefined ? this.pending.get(reply.id) : undefined;
      if (!waiter) return;
      this.pending.delete(reply.id!);
      if (reply.error) waiter.reject(new Error(reply.error.message));
      else waiter.resolve(reply.result);
    });
    await session.post('NodeWorker.enable', { waitForDebuggerOnStart: false });
    // attachedToWorker events for the running workers arrive right after enable
    await new Promise((r) => setTimeout(r, 100));
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 500 });
    await session.post('Profiler.start');
    for (const w of this.workers) {
      await this.toWorker(w, 'Profiler.enable');
      await this.toWorker(w, 'Profiler.setSamplingInterval', { interval: 500 });
      await this.toWorker(w, 'Profiler.start');
    }
  }

  /** Stops profiling; writes `file` (main thread) and `file` with -<worker title>-N for each worker thread. */
  async stop(file: string): Promise<string[]> {
    const session = this.session;
    if (!session) throw new Error('the profiler was not started');
    const files: string[] = [];
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(file, JSON.stringify(profile));
    files.push(file);
    for (const [i, w] of this.workers.entries()) {
      try {
        const result = (await this.toWorker(w, 'Profiler.stop')) as { profile: unknown };
        const name = w.title.replace(/[^A-Za-z0-9_-]+/g, '_') || 'worker';
        const wf = file.replace(/\.cpuprofile$/, '') + `-${name}-${i + 1}.cpuprofile`;
        writeFileSync(wf, JSON.stringify(result.profile));
        files.push(wf);
      } catch {
        // the worker ended meanwhile
      }
    }
    await session.post('NodeWorker.disable').catch(() => undefined);
    session.disconnect();
    this.session = null;
    return files;
  }

  private toWorker(w: WorkerTarget, method: string, params: Record<string, unknown> = {}): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      void this.session!.post('NodeWorker.sendMessageToWorker', { sessionId: w.sessionId, message: JSON.stringify({ id, method, params }) }).catch(reject);
      setTimeout(() => {
        if (this.pending.delete(id)) reject(new Error(`worker ${w.title}: ${method} timed out`));
      }, 10_000).unref();
    });
  }
}
