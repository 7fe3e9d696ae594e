// LastKnownGood (flow-runtime/calls/last-known-good.ts) without a database: what a lookup
// answers when the loader fails in each way a database can fail.
import { describe, expect, it } from 'vitest';
import { DatabaseUnavailableError, LastKnownGood, isConnectionError } from '@/flow-runtime/calls/last-known-good';

const down = () => Promise.reject(new Error('Connection terminated unexpectedly'));
const never = () => new Promise<never>(() => undefined);

describe('LastKnownGood', () => {
  it('serves the last answer (also "not found") when the database is unreachable, with one outage event, then recovers', async () => {
    const lkg = new LastKnownGood(200);
    const outages: unknown[] = [];
    const recoveries: unknown[] = [];
    lkg.on('outage', (o) => outages.push(o));
    lkg.on('recovered', (r) => recoveries.push(r));
    expect(await lkg.lookup('number', '+331', async () => ({ org: 'a' }))).toEqual({ org: 'a' });
    expect(await lkg.lookup('number', '+332', async () => null)).toBeNull();
    expect(await lkg.lookup('number', '+331', down)).toEqual({ org: 'a' });
    expect(await lkg.lookup('number', '+332', down)).toBeNull();
    expect(await lkg.lookup('number', '+331', never)).toEqual({ org: 'a' });
    expect(outages).toHaveLength(1);
    expect(lkg.inOutage).toBe(true);
    await expect(lkg.lookup('number', '+333', down)).rejects.toBeInstanceOf(DatabaseUnavailableError);
    // the database answers again: a refresh ends the outage, the next lookups are fresh
    await expect.poll(async () => {
      await lkg.lookup('number', '+331', async () => ({ org: 'b' })); // answered from memory, refreshed meanwhile
      return lkg.inOutage;
    }).toBe(false);
    expect(recoveries).toHaveLength(1);
    expect(await lkg.lookup('number', '+331', async () => ({ org: 'c' }))).toEqual({ org: 'c' });
  });

  it('gives up on a database that does not answer after its time limit', async () => {
    const lkg = new LastKnownGood(100);
    const err = await lkg.lookup('flow', 'f1', never).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DatabaseUnavailableError);
    expect(String(err)).toMatch(/within 100 ms/);
  });

  it('passes other errors through (the database answered: the query itself failed)', async () => {
    const lkg = new LastKnownGood(200);
    await lkg.lookup('flow', 'f1', async () => 'v1');
    const refused = Object.assign(new Error('Unique constraint failed'), { code: 'P2002' });
    await expect(lkg.lookup('flow', 'f1', () => Promise.reject(refused))).rejects.toBe(refused);
    expect(lkg.inOutage).toBe(false);
  });

  it('tells connection errors from refusals', () => {
    expect(isConnectionError(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isConnectionError(Object.assign(new Error("Can't reach database server"), { code: 'P1001' }))).toBe(true);
    expect(isConnectionError(Object.assign(new Error('x'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isConnectionError(Object.assign(new Error('Record not found'), { code: 'P2025' }))).toBe(false);
    expect(isConnectionError(new TypeError('undefined is not a function'))).toBe(false);
  });

  it('forgets the oldest answers past maxEntries', async () => {
    const lkg = new LastKnownGood(200, 2);
    for (const n of ['1', '2', '3']) await lkg.lookup('number', n, async () => n);
    expect(lkg.recall('number', '1')).toBeUndefined();
    expect(lkg.recall('number', '3')).toBe('3');
  });
});
