// The shared media clock: each stream's ticks sit on a fixed grid from one monotonic origin (no
// drift from chained timers), t0 + n × 20 ms + its phase × 2 ms, never fire early, and one timer
// serves every stream; streams are spread over the ten 2 ms phases of a tick.
import { describe, expect, it } from 'vitest';
import { MediaClock, PHASES, SLOT_MS } from '@/flow-runtime/media/media-clock';
import { waitFor } from './support/rtp-peer';

describe('MediaClock', () => {
  it('calls every stream once per tick, on its t0 + n × 20 ms + phase × 2 ms grid, never early', async () => {
    const clock = new MediaClock();
    const seen: { a: { tick: number; due: number; at: number }[]; b: number[] } = { a: [], b: [] };
    const a = { onTick: (tick: number, due: number) => void seen.a.push({ tick, due, at: performance.now() }) };
    const b = { onTick: (tick: number) => void seen.b.push(tick) };
    clock.add(a);
    clock.add(b);
    await waitFor(() => seen.a.length >= 50, 10_000, '50 ticks');
    clock.stop();
    const ticks = seen.a.map((s) => s.tick);
    for (let i = 1; i < ticks.length; i++) expect(ticks[i] - ticks[i - 1]).toBeGreaterThanOrEqual(1);
    expect(ticks.at(-1)! - ticks[0] - (ticks.length - 1)).toBe(clock.droppedTicks); // consecutive unless dropped after a stall
    expect(clock.phase(a)).not.toBe(clock.phase(b)); // two streams, two phases
    for (const s of seen.a) {
      expect(s.due).toBeCloseTo(clock.t0 + s.tick * 20 + clock.phase(a)! * SLOT_MS, 6);
      expect(s.at).toBeGreaterThanOrEqual(s.due - 0.5);
    }
    expect(seen.b.slice(0, ticks.length)).toEqual(ticks.slice(0, seen.b.length));
  });

  it('stops its timer when the last stream leaves and resumes on the same grid', async () => {
    const clock = new MediaClock();
    const dues: number[] = [];
    const s = { onTick: (_t: number, due: number) => void dues.push(due) };
    clock.add(s);
    await waitFor(() => dues.length >= 3);
    clock.remove(s);
    const count = dues.length;
    await new Promise((r) => setTimeout(r, 100));
    expect(dues.length).toBe(count);
    clock.add(s);
    await waitFor(() => dues.length >= count + 3);
    clock.stop();
    for (const d of dues) {
      const n = (d - clock.t0 - clock.phase(s)! * SLOT_MS) / 20;
      expect(Math.abs(n - Math.round(n))).toBeLessThan(1e-6);
    }
  });

  it('spreads streams evenly over the phases, runs the "first" streams before every other in each tick, and keeps a phase across remove/add', async () => {
    const clock = new MediaClock();
    const order: string[] = [];
    const streams = Array.from({ length: 3 * PHASES }, (_, i) => ({ onTick: (tick: number) => void order.push(`${tick}:s${i}`) }));
    for (const s of streams) clock.add(s);
    const perPhase = new Array(PHASES).fill(0);
    for (const s of streams) perPhase[clock.phase(s)!]++;
    expect(perPhase).toEqual(new Array(PHASES).fill(3));
    const mixer = { onTick: (tick: number) => void order.push(`${tick}:first`) };
    clock.add(mixer, { first: true });
    const before = clock.phase(streams[7]);
    clock.remove(streams[7]);
    clock.add(streams[7]);
    expect(clock.phase(streams[7])).toBe(before);
    await waitFor(() => order.filter((o) => o.endsWith(':first')).length >= 4, 5000, '4 ticks');
    clock.stop();
    // every stream ran in each complete tick, after the first stream of that tick
    const ticks = [...new Set(order.filter((o) => o.endsWith(':first')).map((o) => Number(o.split(':')[0])))].slice(1, -1);
    for (const t of ticks) {
      const firstAt = order.indexOf(`${t}:first`);
      for (let i = 0; i < streams.length; i++) {
        const at = order.indexOf(`${t}:s${i}`);
        expect(at, `stream ${i} in tick ${t}`).toBeGreaterThan(firstAt);
      }
    }
  });

  it('yields to the event loop when ticks cost more than 20 ms (a starved process), dropping what it cannot send', async () => {
    const clock = new MediaClock();
    let ticks = 0;
    // Each tick takes 30 ms of CPU: running every due tick until caught up would never end.
    const slow = {
      onTick: () => {
        ticks++;
        const end = performance.now() + 30;
        while (performance.now() < end);
      },
    };
    clock.add(slow);
    let otherWork = 0;
    const other = setInterval(() => otherWork++, 1); // signalling, receiving: other work of the loop
    try {
      // each wake-up runs 60 ms of ticks while 60 ms more of the grid come due: the lag grows until the
      // clock drops ticks (after a few wake-ups, depending on how the timers interleave)
      await waitFor(() => otherWork >= 5 && ticks >= 5 && clock.droppedTicks > 0, 20_000, 'other work to run between slow ticks, and ticks dropped');
    } finally {
      clearInterval(other);
      clock.stop();
    }
    expect(clock.droppedTicks).toBeGreaterThan(0);
  });
});
