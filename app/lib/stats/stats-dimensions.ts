// What the statistics' rows can be per (no I/O: the page's client code imports it too).
export const STATS_DIMENSIONS = ['number', 'flow', 'group', 'agent'] as const;
export type StatsDimension = (typeof STATS_DIMENSIONS)[number];
