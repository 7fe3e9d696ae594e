'use client';
// Loads GET /api/flows/:id/analytics while the statistics are shown, again when the period
// changes (an answer for an older period that arrives late is dropped).
import { useEffect } from 'react';
import { dayOf, indexAnalytics, periodQuery, type FlowAnalyticsAnswer } from '../core/call-stats';
import { useCallStatsStore } from './store';

export function useFlowAnalytics(): void {
  const allowed = useCallStatsStore((s) => s.allowed);
  const showStats = useCallStatsStore((s) => s.showStats);
  const flowId = useCallStatsStore((s) => s.flowId);
  const versionId = useCallStatsStore((s) => s.versionId);
  const preset = useCallStatsStore((s) => s.preset);
  const customFrom = useCallStatsStore((s) => s.custom.from);
  const customTo = useCallStatsStore((s) => s.custom.to);

  useEffect(() => {
    if (!allowed || !showStats || !flowId) return;
    const { setAnalytics } = useCallStatsStore.getState();
    const period = periodQuery(preset, dayOf(new Date()), {
      from: customFrom,
      to: customTo,
    });
    if (!period) return;
    const query = new URLSearchParams({ from: period.from, to: period.to });
    if (versionId) query.set('versionId', versionId);
    const controller = new AbortController();
    setAnalytics('loading');
    fetch(`/api/flows/${encodeURIComponent(flowId)}/analytics?${query}`, {
      credentials: 'same-origin',
      signal: controller.signal,
    })
      .then(async (res) => {
        if (!res.ok) throw new Error(`analytics: HTTP ${res.status}`);
        setAnalytics('ready', indexAnalytics((await res.json()) as FlowAnalyticsAnswer));
      })
      .catch(() => {
        if (!controller.signal.aborted) setAnalytics('error', null);
      });
    return () => controller.abort();
  }, [allowed, showStats, flowId, versionId, preset, customFrom, customTo]);
}
