// The process's media server, on the thread chosen by configuration:
// - 'worker': RTP runs on a worker thread (worker/), so the 20 ms pacing does not wait for SIP
//   signalling, flow sessions or database work on the main thread;
// - 'main': the in-process RtpMediaServer, sharing the main event loop (unit tests, debugging).
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
  /** Where RTP runs. Default 'worker'. */
  thread?: MediaThread;
  /** Worker only: where a dying worker is reported. Default console.error. */
  log?: (message: string) => void;
}

export function createMediaServer(options: CreateMediaServerOptions = {}): ProcessMediaServer {
  const { thread = 'worker', log, ...rest } = options;
  if (!MEDIA_THREADS.includes(thread)) throw new MediaError('media.invalid_argument', `thread must be 'main' or 'worker', got "${String(thread)}".`);
  return thread === 'main' ? new RtpMediaServer(rest) : new WorkerMediaServer({ ...rest, log });
}

/** MEDIA_THREAD from the environment: 'worker' or 'main' (default `fallback`); anything else is an error naming the variable. */
export function mediaThreadFromEnv(env: Record<string, string | undefined> = process.env, fallback: MediaThread = 'worker'): MediaThread {
  const raw = env.MEDIA_THREAD?.trim().toLowerCase();
  if (!raw) return fallback;
  if (!(MEDIA_THREADS as readonly string[]).includes(raw)) throw new MediaError('media.invalid_argument', `MEDIA_THREAD must be "worker" or "main", got "${env.MEDIA_THREAD}".`);
  return raw as MediaThread;
}
