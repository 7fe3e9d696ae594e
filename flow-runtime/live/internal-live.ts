// The live view of calls placed by agents' phones (calls/internal-call/): direction `internal` (to
// a colleague's extension) or `outbound` (a number through the trunk). One LiveCallTracker per
// InternalCall, fed by its records (`InternalCallDeps.live`), ended with the call.
import type { PrismaClient } from '../../prisma/client';
import type { Logger } from '../calls/sip-types';
import type { InternalCall } from '../calls/internal-call/internal-call';
import { LiveCallTracker } from './live-call-view';

const OUTCOME: Record<string, string> = { busy: 'busy', no_answer: 'no_answer', failed: 'no_answer', cancelled: 'cancelled' };

export function internalLiveViews(prisma: PrismaClient, log: Logger): (call: InternalCall, kind: string, data: Record<string, unknown>) => void {
  const trackers = new WeakMap<InternalCall, LiveCallTracker>();
  return (call, kind, data) => {
    let tracker = trackers.get(call);
    if (!tracker) {
      const extension = call.from.extension ?? call.from.sipUsername;
      tracker = new LiveCallTracker(prisma, {
        callId: call.id, organizationId: call.organizationId, direction: call.target.kind === 'agent' ? 'internal' : 'outbound',
        entryNumber: extension, caller: extension, log,
      });
      trackers.set(call, tracker);
    }
    tracker.onInternal(kind, data);
    const result = typeof data.result === 'string' ? data.result : null;
    if (kind !== 'internal_call' || result === 'started' || result === 'answered') return;
    void tracker.end(result === 'ended' ? (call.state === 'answered' ? 'answered' : 'cancelled') : (OUTCOME[result ?? ''] ?? null));
  };
}
