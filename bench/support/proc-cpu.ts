// CPU time of other processes (all their threads), from /proc/<pid>/stat (Linux): utime + stime.
// Resolution: one clock tick (10 ms with the usual CLK_TCK of 100); measure windows of seconds.
import { readFileSync } from 'node:fs';

const TICK_US = 1e6 / 100; // CLK_TCK is 100 on Linux x86/arm builds

/** CPU µs used so far by `pid` (0 when it has exited); with `tid`, by that thread only (tid = pid: the main thread). */
export function processCpuUs(pid: number | undefined, tid?: number): number {
  if (!pid) return 0;
  try {
    const stat = readFileSync(tid ? `/proc/${pid}/task/${tid}/stat` : `/proc/${pid}/stat`, 'utf8');
    // the command name (field 2) may hold spaces: count fields after its closing parenthesis
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_US; // fields 14 and 15 of stat(5)
  } catch {
    return 0;
  }
}

/** Sum over several processes. */
export function processesCpuUs(pids: Iterable<number | undefined>): number {
  let sum = 0;
  for (const pid of pids) sum += processCpuUs(pid);
  return sum;
}
