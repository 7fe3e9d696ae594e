// The effective status of an agent (issue 14, flow-runtime/agents/agent-status.ts): what the
// runtime is doing wins (ringing, in_call), then the chosen or locked offline / paused, then a
// wrap-up not yet over, else available.
import { describe, expect, it } from 'vitest';
import { toStatusView, type StatusRow } from '@/flow-runtime/agents/agent-status';

const t0 = new Date('2026-12-07T08:00:00Z');
const row = (over: Partial<StatusRow> = {}): StatusRow => ({
  id: 'a1', organizationId: 'o1', status: 'available', statusSince: t0, pauseReason: null,
  lockStatus: null, lockedAt: null, lockedByName: null, lockPauseReason: null,
  activity: null, activitySince: null, wrapUpEndsAt: null, ...over,
});
const at = (s: number) => new Date(t0.getTime() + s * 1000);

describe('toStatusView', () => {
  it('ringing and in_call win over the chosen status', () => {
    expect(toStatusView(row({ status: 'paused', activity: 'in_call', activitySince: at(5) }), at(6).getTime())).toMatchObject({ status: 'in_call', since: at(5).toISOString(), pauseReason: null });
    expect(toStatusView(row({ activity: 'ringing', activitySince: at(5) }), at(6).getTime()).status).toBe('ringing');
  });

  it('a wrap-up counts until its end, then the agent is available since it ended', () => {
    const r = row({ activity: 'wrap_up', activitySince: at(10), wrapUpEndsAt: at(12) });
    expect(toStatusView(r, at(11).getTime())).toMatchObject({ status: 'wrap_up', wrapUpEndsAt: at(12).toISOString(), since: at(10).toISOString() });
    expect(toStatusView(r, at(13).getTime())).toMatchObject({ status: 'available', wrapUpEndsAt: null });
    expect(toStatusView(row({ activitySince: at(12) }), at(13).getTime())).toMatchObject({ status: 'available', since: at(12).toISOString() });
  });

  it('a pause (chosen or locked) wins over a wrap-up, with its reason', () => {
    const lunch = { id: 'r1', label: 'Lunch' };
    expect(toStatusView(row({ status: 'paused', pauseReason: lunch, activity: 'wrap_up', wrapUpEndsAt: at(20) }), at(1).getTime())).toMatchObject({ status: 'paused', pauseReason: lunch, wrapUpEndsAt: null });
    const locked = toStatusView(row({ lockStatus: 'paused', lockPauseReason: lunch, lockedAt: at(3), lockedByName: 'Sam' }), at(4).getTime());
    expect(locked).toEqual({
      status: 'paused', pauseReason: lunch, since: at(3).toISOString(), wrapUpEndsAt: null,
      lock: { status: 'paused', pauseReason: lunch, byUserName: 'Sam', at: at(3).toISOString() },
    });
    expect(toStatusView(row({ status: 'paused', lockStatus: 'offline', lockedAt: at(3) })).status).toBe('offline');
  });
});
