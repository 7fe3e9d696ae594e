// In-memory legs: each target answers, is busy, does not answer or fails after a delay, as
// scripted by `behaviour`; by default a leg rings until it is cancelled.
import type { LegRequest } from '../../interpreter';
import type { Clock, LegListener, LegsPort } from '../ports';

export type LegScript = { afterMs: number; result: 'answer' | 'busy' | 'no_answer' | 'failed' } | null;

export class InMemoryLegs implements LegsPort {
  readonly rung: Array<{ callId: string; leg: LegRequest }> = [];
  readonly cancelled: string[] = [];
  private readonly timers = new Map<string, unknown>();
  private readonly listeners = new Map<string, LegListener>();

  constructor(
    private readonly clock: Clock,
    public behaviour: (target: LegRequest['target']) => LegScript = () => null,
  ) {}

  ring(callId: string, legs: LegRequest[], _callerId: string | null, listener: LegListener): void {
    for (const leg of legs) {
      this.rung.push({ callId, leg });
      this.listeners.set(leg.legId, listener);
      const script = this.behaviour(leg.target);
      if (!script) continue;
      this.timers.set(
        leg.legId,
        this.clock.setTimer(script.afterMs, () => {
          this.timers.delete(leg.legId);
          if (script.result === 'answer') listener.answered(leg.legId);
          else {
            this.listeners.delete(leg.legId);
            listener.failed(leg.legId, script.result);
          }
        }),
      );
    }
  }

  cancel(_callId: string, legIds: string[]): void {
    for (const legId of legIds) {
      this.clock.clearTimer(this.timers.get(legId));
      this.timers.delete(legId);
      this.listeners.delete(legId);
      this.cancelled.push(legId);
    }
  }

  /** The (bridged) party of a leg hangs up. */
  endLeg(legId: string): void {
    const listener = this.listeners.get(legId);
    this.listeners.delete(legId);
    listener?.ended(legId);
  }
}
