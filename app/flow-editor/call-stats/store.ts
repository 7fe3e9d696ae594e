'use client';
// What the canvas shows of calls (issue 15): the statistics of a period (toggle, period, the
// API's answer indexed per node and output) and the live calls per node. Kept apart from the
// editor's document store: none of it is part of the flow, none of it is saved or undone.
import { create } from 'zustand';
import type { Day, PeriodPreset, StatsIndex } from '../core/call-stats';

export type AnalyticsStatus = 'idle' | 'loading' | 'ready' | 'error';
export type LiveConnection = 'off' | 'connecting' | 'connected' | 'reconnecting';

interface CallStatsState {
  /** The user may see the organisation's calls (admin, supervisor). */
  allowed: boolean;
  flowId: string;
  /** The version page: only this version's calls. */
  versionId: string | null;
  showStats: boolean;
  preset: PeriodPreset;
  custom: { from: Day; to: Day };
  status: AnalyticsStatus;
  stats: StatsIndex | null;
  /** Calls in each node now (C3). */
  live: Record<string, number>;
  liveConnection: LiveConnection;

  configure(input: { allowed: boolean; flowId: string; versionId?: string | null; showStats?: boolean }): void;
  setShowStats(on: boolean): void;
  setPeriod(preset: PeriodPreset, custom?: { from: Day; to: Day }): void;
  setAnalytics(status: AnalyticsStatus, stats?: StatsIndex | null): void;
  setLive(live: Record<string, number>): void;
  setLiveConnection(state: LiveConnection): void;
}

export const useCallStatsStore = create<CallStatsState>()((set) => ({
  allowed: false,
  flowId: '',
  versionId: null,
  showStats: false,
  preset: 'last7',
  custom: { from: '', to: '' },
  status: 'idle',
  stats: null,
  live: {},
  liveConnection: 'off',

  configure: ({ allowed, flowId, versionId = null, showStats = false }) =>
    set({
      allowed,
      flowId,
      versionId,
      showStats: allowed && showStats,
      status: 'idle',
      stats: null,
      live: {},
      liveConnection: 'off',
    }),
  setShowStats: (on) => set({ showStats: on }),
  setPeriod: (preset, custom) => set((s) => ({ preset, custom: custom ?? s.custom })),
  setAnalytics: (status, stats) => set((s) => ({ status, stats: stats === undefined ? s.stats : stats })),
  setLive: (live) => set({ live }),
  setLiveConnection: (liveConnection) => set({ liveConnection }),
}));
