// The process's media server, on the thread chosen by configuration:
// - 'main' (default): the in-process RtpMediaServer, sharing the main event loop;
// - 'worker': RTP runs on a worker thread (worker/), so the 20 ms pacing does not wait for SIP
//   signalling, flow sessions or database work on the main thread. Not the default: on the
//   2-core machine, with the load generator on the same cores, it did not improve the RTP p99
//   of the calls bench (see media/README.md, "Tests and bench"); it does when the main thread
//   itself is busy (media bench with MEDIA_BENCH_MAIN_BUSY_MS).
// Both have the same surface (ProcessMediaServer), so the runtime, tests and benches can switch.
import { MediaError } from './errors';
import type { MediaServer, PacingStats } from './media-endpoint';
import type { PromptLibrary } from './prompt-library';
import { RtpMediaServer, type RtpMediaServerOptions } from './rtp-media-server';
import { WorkerMediaServer } from './worker/worker-media-server';

export type MediaThread = 'main' | 'worker';
export const MEDIA_THREADS: readonly MediaThread[] = ['main', 'worker'];

/** What the process wiring, tests and benches use beyond the MediaServer interface. */
export interface ProcessMediaServer extends MediaServer {
  /** A prompt library sharing the media server's disk cache (convert uploads, warm TTS, read samples). */
  readonly prompts: PromptLibrary;
  /** Clock wake-up lateness, in-tick send spread and dropped ticks. */
  clockStats(): { wake: PacingStats; spread: PacingStats; droppedTicks: number };
  /** Starts a new measurement window; await it (the worker server resets asynchronously). */
  resetPacingStats(): void | Promise<void>;
  readonly droppedTicks: number;
  /** Worker server only: fetch fresh stats now instead of the last periodic snapshot. */
  refreshStats?(): Promise<void>;
}

export interface CreateMediaServerOptions extends RtpMediaServerOptions {
  /** Where RTP runs. Default 'main'. */
  thread?: MediaThread;
  /** Worker only: where a dying worker is reported. Default console.error. */
  log?: (message: string) => void;
}

export function createMediaServer(options: CreateMediaServerOptions = {}): ProcessMediaServer {
  const { thread = 'main', log, ...rest } = options;
  if (!MEDIA_THREADS.includes(thread)) throw new MediaError('media.invalid_argument', `thread must be 'main' or 'worker', got "${String(thread)}".`);
  return thread === 'main' ? new RtpMediaServer(rest) : new WorkerMediaServer({ ...rest, log });
}

/** MEDIA_THREAD from the environment: 'main' or 'worker' (default `fallback`, 'main'); anything else is an error naming the variable. */
export function mediaThreadFromEnv(env: Record<string, string | undefined> = process.env, fallback: MediaThread = 'main'): MediaThread {
  const raw = env.MEDIA_THREAD?.trim().toLowerCase();
  if (!raw) return fallback;
  if (!(MEDIA_THREADS as readonly string[]).includes(raw)) throw new MediaError('media.invalid_argument', `MEDIA_THREAD must be "worker" or "main", got "${env.MEDIA_THREAD}".`);
  return raw as MediaThread;
}
