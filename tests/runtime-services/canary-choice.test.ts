// Canary publish (issue 17), the runtime's choice without SIP: the share of callers, stickiness
// per caller and local day, numbers the canary is limited to, hidden callers; and FlowStore.forCall
// over an in-memory stand-in for the three queries it makes (the SIPp test runs it on a database).
import { describe, expect, it } from 'vitest';
import { canaryBucket, choosesCanary, localDay, type CanaryRule } from '@/flow-runtime/calls/canary';
import { FlowStore, type NumberRoute } from '@/flow-runtime/calls/flow-store';
import type { PrismaClient } from '@/prisma/client';

const RULE: CanaryRule = { versionId: 'v-canary', percent: 20, numberIds: [] };
const AT = new Date('2026-12-07T10:00:00Z');
const base = { flowId: 'flow-1', rule: RULE, phoneNumberId: 'num-1', sipCallId: 'x', timeZone: 'Europe/Paris', at: AT };
const caller = (i: number) => `+3361${String(i).padStart(7, '0')}`;

describe('canary choice', () => {
  it('sends about the canary share of distinct callers to the canary version', () => {
    const n = 10_000;
    let canary = 0;
    for (let i = 0; i < n; i++) if (choosesCanary({ ...base, caller: caller(i) })) canary++;
    expect(canary / n).toBeGreaterThan(0.19);
    expect(canary / n).toBeLessThan(0.21);
  });

  it('gives a caller the same version all day, and draws again the next local day', () => {
    const evening = new Date('2026-12-07T22:30:00Z'); // 23:30 in Paris: still the 7th there
    const nextDay = new Date('2026-12-07T23:30:00Z'); // 00:30 on the 8th in Paris
    expect(localDay(evening, 'Europe/Paris')).toBe('2026-12-07');
    expect(localDay(nextDay, 'Europe/Paris')).toBe('2026-12-08');
    let changed = 0;
    for (let i = 0; i < 500; i++) {
      const morning = choosesCanary({ ...base, caller: caller(i) });
      expect(choosesCanary({ ...base, caller: caller(i), at: evening, sipCallId: 'another call' })).toBe(morning);
      if (choosesCanary({ ...base, caller: caller(i), at: nextDay }) !== morning) changed++;
    }
    expect(changed).toBeGreaterThan(0); // a new day, a new draw
  });

  it('depends on the flow: the same caller is drawn separately for each flow', () => {
    let differ = 0;
    for (let i = 0; i < 200; i++) if (canaryBucket('flow-1', caller(i), '2026-12-07') !== canaryBucket('flow-2', caller(i), '2026-12-07')) differ++;
    expect(differ).toBeGreaterThan(150);
  });

  it('applies only to the numbers it names (none named: every number)', () => {
    const limited = { ...RULE, percent: 99, numberIds: ['num-2'] };
    const inCanary = Array.from({ length: 50 }, (_, i) => caller(i)).filter((c) => choosesCanary({ ...base, rule: { ...RULE, percent: 99 }, caller: c }));
    expect(inCanary.length).toBeGreaterThan(40);
    for (const c of inCanary) {
      expect(choosesCanary({ ...base, rule: limited, caller: c })).toBe(false);
      expect(choosesCanary({ ...base, rule: limited, caller: c, phoneNumberId: 'num-2' })).toBe(true);
    }
    expect(choosesCanary({ ...base, rule: null, caller: caller(1) })).toBe(false);
  });

  it('draws a hidden caller by its Call-ID', () => {
    let canary = 0;
    for (let i = 0; i < 2000; i++) if (choosesCanary({ ...base, caller: null, sipCallId: `call-${i}@host` })) canary++;
    expect(canary / 2000).toBeGreaterThan(0.16);
    expect(canary / 2000).toBeLessThan(0.24);
    expect(choosesCanary({ ...base, caller: null, sipCallId: 'same' })).toBe(choosesCanary({ ...base, caller: null, sipCallId: 'same' }));
  });
});

const DOC = (id: string) => ({
  schemaVersion: 1, name: 'flow', language: 'fr', entry: id,
  nodes: [{ id, type: 'hangup', position: { x: 0, y: 0 }, label: id, config: {} }],
  edges: [],
});

function fakePrisma(state: { canary: null | { versionId: string; percent: number; numberIds: string[] } }) {
  const versions: Record<string, { number: number; document: unknown }> = { 'v-live': { number: 2, document: DOC('live-end') }, 'v-canary': { number: 1, document: DOC('canary-end') } };
  return {
    flowVersion: {
      findFirst: async () => ({ id: 'v-live', number: 2, organizationId: 'org' }),
      findUniqueOrThrow: async ({ where }: { where: { id: string } }) => versions[where.id],
    },
    flowCanary: {
      findUnique: async () => (state.canary ? { ...state.canary, organizationId: 'org', version: { status: 'published' } } : null),
    },
  } as unknown as PrismaClient;
}

describe('FlowStore.forCall', () => {
  const route: NumberRoute = { phoneNumberId: 'num-1', organizationId: 'org', timezone: 'Europe/Paris', defaultLanguage: 'fr', flowId: 'flow-1' };

  it('runs the canary version for the callers in its share, the live one for the rest; a change applies to the next call', async () => {
    const state: { canary: null | { versionId: string; percent: number; numberIds: string[] } } = { canary: { versionId: 'v-canary', percent: 20, numberIds: [] } };
    const store = new FlowStore(fakePrisma(state));
    const picks = await Promise.all(Array.from({ length: 300 }, (_, i) => store.forCall(route, { caller: caller(i), sipCallId: `c${i}`, at: AT })));
    const canary = picks.filter((p) => p?.canary);
    expect(canary.length).toBeGreaterThan(30);
    expect(canary.length).toBeLessThan(90);
    for (const p of canary) expect(p!.versionId).toBe('v-canary');
    for (const p of picks.filter((x) => !x?.canary)) expect(p!.versionId).toBe('v-live');
    expect(canary[0]!.flow.entry).toBe('canary-end');

    const inCanary = caller(picks.findIndex((p) => p?.canary));
    state.canary = null; // stopped
    expect((await store.forCall(route, { caller: inCanary, sipCallId: 'next', at: AT }))?.versionId).toBe('v-live');
    state.canary = { versionId: 'v-canary', percent: 20, numberIds: ['another-number'] };
    expect((await store.forCall(route, { caller: inCanary, sipCallId: 'next', at: AT }))?.canary).toBeUndefined();
  });
});
