// Calls on the canvas (app/flow-editor/core/call-stats.ts): the analytics answer indexed per node
// and output (share of the node's visits), edge widths, calls per node from live views, and the
// period picker's days.
import { describe, expect, it } from 'vitest';
import { addDays, edgeWidth, indexAnalytics, liveCountsByNode, nodeStats, outputStats, periodQuery } from '@/app/flow-editor/core/call-stats';

describe('indexAnalytics', () => {
  const index = indexAnalytics({
    flowId: 'f', versionId: null, from: '', to: '', calls: 10, inProgress: 1,
    nodes: [{ nodeId: 'menu', entered: 8, entries: 10, ended: 2, hungUp: 2 }, { nodeId: 'never', entered: 0, entries: 0, ended: 1, hungUp: 0 }],
    outputs: [{ nodeId: 'menu', output: '1', taken: 6, calls: 6 }, { nodeId: 'menu', output: 'timeout', taken: 1, calls: 1 }],
  });

  it('gives each output its share of the node’s visits, and zeros for the rest', () => {
    expect(nodeStats(index, 'menu')).toEqual({ entered: 8, entries: 10, ended: 2, hungUp: 2 });
    expect(nodeStats(index, 'absent')).toEqual({ entered: 0, entries: 0, ended: 0, hungUp: 0 });
    expect(outputStats(index, 'menu', '1')).toEqual({ taken: 6, percent: 60 });
    expect(outputStats(index, 'menu', 'timeout')).toEqual({ taken: 1, percent: 10 });
    expect(outputStats(index, 'menu', '2')).toEqual({ taken: 0, percent: 0 });
    expect(outputStats(index, 'never', 'next')).toEqual({ taken: 0, percent: null });
  });

  it('draws wider edges for larger shares', () => {
    expect(edgeWidth({ taken: 0, percent: null })).toBe(1.5);
    expect(edgeWidth({ taken: 6, percent: 60 })).toBeGreaterThan(edgeWidth({ taken: 1, percent: 10 }));
    expect(edgeWidth({ taken: 10, percent: 100 })).toBe(7.5);
  });
});

describe('liveCountsByNode', () => {
  it('counts the calls of this flow per node, ignoring other flows and calls without a node', () => {
    const calls = [
      { callId: 'a', flowId: 'f', nodeId: 'menu' },
      { callId: 'b', flowId: 'f', nodeId: 'menu' },
      { callId: 'c', flowId: 'f', nodeId: 'support' },
      { callId: 'd', flowId: 'other', nodeId: 'menu' },
      { callId: 'e', flowId: 'f', nodeId: null },
      { callId: 'g', flowId: null, nodeId: null },
    ];
    expect(liveCountsByNode(calls, 'f')).toEqual({ menu: 2, support: 1 });
    expect(liveCountsByNode([], 'f')).toEqual({});
  });
});

describe('periodQuery', () => {
  it('turns presets into days, the last one excluded', () => {
    expect(periodQuery('today', '2026-12-07')).toEqual({ from: '2026-12-07', to: '2026-12-08' });
    expect(periodQuery('yesterday', '2026-12-07')).toEqual({ from: '2026-12-06', to: '2026-12-07' });
    expect(periodQuery('last7', '2026-12-07')).toEqual({ from: '2026-12-01', to: '2026-12-08' });
    expect(periodQuery('last30', '2026-03-01')).toEqual({ from: '2026-01-31', to: '2026-03-02' });
  });

  it('takes a custom range with both days included, and refuses an incomplete or reversed one', () => {
    expect(periodQuery('custom', '2026-12-07', { from: '2026-10-24', to: '2026-10-25' })).toEqual({ from: '2026-10-24', to: '2026-10-26' });
    expect(periodQuery('custom', '2026-12-07', { from: '', to: '2026-10-25' })).toBeNull();
    expect(periodQuery('custom', '2026-12-07', { from: '2026-10-26', to: '2026-10-25' })).toBeNull();
  });

  it('adds days across month ends and the DST change', () => {
    expect(addDays('2026-03-28', 2)).toBe('2026-03-30');
    expect(addDays('2026-10-25', 1)).toBe('2026-10-26');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });
});
