// RFC 3261 §17 timer values. T1/T2/T4 are configurable so tests can run the ACK timeout
// (64*T1) in seconds instead of 32 s; every other timer derives from them as the RFC says.

export interface SipTimers {
  /** RTT estimate, default 500 ms. */
  t1: number;
  /** Maximum retransmit interval for non-INVITE requests and INVITE responses, default 4 s. */
  t2: number;
  /** Maximum duration a message remains in the network, default 5 s. */
  t4: number;
}

export const DEFAULT_TIMERS: SipTimers = { t1: 500, t2: 4000, t4: 5000 };

/** Timer B, F, H, J, L, M: 64*T1. */
export function transactionTimeout(t: SipTimers): number {
  return 64 * t.t1;
}

/** Timer D: at least 32 s for unreliable transports (RFC 3261 §17.1.1.2), scaled with T1. */
export function timerD(t: SipTimers): number {
  return Math.max(64 * t.t1, 32_000 * (t.t1 / 500));
}

/** Small helper so every transaction clears its timers in one place. */
export class TimerSet {
  private handles = new Set<NodeJS.Timeout>();

  after(ms: number, fn: () => void): void {
    const h = setTimeout(() => {
      this.handles.delete(h);
      fn();
    }, ms);
    h.unref?.();
    this.handles.add(h);
  }

  clear(): void {
    for (const h of this.handles) clearTimeout(h);
    this.handles.clear();
  }
}
