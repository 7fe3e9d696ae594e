// Top self-time entries of a V8 .cpuprofile, grouped by function (name + file:line) and by file,
// as text lines. Paths are shown relative to the repository (node_modules/<package>/… for
// dependencies). Also runnable alone: npx tsx bench/support/profile-summary.ts <file.cpuprofile> [top]
import { readFileSync } from 'node:fs';
import path from 'node:path';

interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number }
interface Profile { nodes: ProfileNode[]; startTime: number; endTime: number; samples?: number[]; timeDeltas?: number[] }

const root = path.resolve(import.meta.dirname, '../..');
const SPECIAL = new Set(['(idle)', '(program)', '(garbage collector)', '(root)']);

function shortFile(url: string): string {
  if (!url) return '';
  // tsx adds ?tsx-namespace=… to modules loaded in worker threads
  let p = url.replace(/^file:\/\//, '').replace(/\?.*$/, '');
  const nm = p.lastIndexOf('/node_modules/');
  if (nm >= 0) return p.slice(nm + 1);
  if (p.startsWith(root)) p = path.relative(root, p);
  else if (p.startsWith('/work/')) p = p.replace(/^\/work\/(?:wt\/[^/]+|main)\//, '');
  return p;
}

/** Self time (µs) by profile node id. */
function selfTimes(profile: Profile): Map<number, number> {
  const self = new Map<number, number>();
  const { samples, timeDeltas } = profile;
  if (samples && timeDeltas && samples.length) {
    for (let i = 0; i < samples.length; i++) {
      const dt = timeDeltas[i + 1] ?? timeDeltas[i] ?? 0;
      self.set(samples[i], (self.get(samples[i]) ?? 0) + Math.max(0, dt));
    }
  } else {
    const total = profile.endTime - profile.startTime;
    const hits = profile.nodes.reduce((s, n) => s + (n.hitCount ?? 0), 0) || 1;
    for (const n of profile.nodes) self.set(n.id, ((n.hitCount ?? 0) * total) / hits);
  }
  return self;
}

export function summarizeProfile(file: string, top = 25): string[] {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const self = selfTimes(profile);
  const byFn = new Map<string, number>();
  const byFile = new Map<string, number>();
  let total = 0;
  let idle = 0;
  for (const n of profile.nodes) {
    const us = self.get(n.id) ?? 0;
    if (!us) continue;
    total += us;
    const name = n.callFrame.functionName || '(anonymous)';
    if (name === '(idle)') idle += us;
    const f = shortFile(n.callFrame.url);
    // tsx's transpiled files report line 1 for everything: the line only when it says something
    const line = n.callFrame.lineNumber > 0 ? `:${n.callFrame.lineNumber + 1}` : '';
    const key = SPECIAL.has(name) || !f ? name + (f ? ` ${f}` : '') : `${name} ${f}${line}`;
    byFn.set(key, (byFn.get(key) ?? 0) + us);
    const fileKey = SPECIAL.has(name) ? name : f || '(native / V8)';
    byFile.set(fileKey, (byFile.get(fileKey) ?? 0) + us);
  }
  const busy = total - idle;
  const pct = (us: number) => `${((100 * us) / Math.max(1, busy)).toFixed(1).padStart(5)} %`;
  const ms = (us: number) => `${(us / 1000).toFixed(0).padStart(7)} ms`;
  const lines = [
    `${path.basename(file)}: ${(total / 1e6).toFixed(1)} s profiled, busy ${(busy / 1e6).toFixed(2)} s (${((100 * busy) / Math.max(1, total)).toFixed(0)} %), idle ${(idle / 1e6).toFixed(2)} s; % of busy time`,
    `  top self time by function:`,
  ];
  for (const [k, us] of [...byFn].filter(([k]) => k !== '(idle)').sort((a, b) => b[1] - a[1]).slice(0, top)) lines.push(`  ${ms(us)} ${pct(us)}  ${k}`);
  lines.push('  top self time by file:');
  for (const [k, us] of [...byFile].filter(([k]) => k !== '(idle)').sort((a, b) => b[1] - a[1]).slice(0, Math.ceil(top / 2))) lines.push(`  ${ms(us)} ${pct(us)}  ${k}`);
  return lines;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: npx tsx bench/support/profile-summary.ts <file.cpuprofile> [top]');
    process.exit(2);
  }
  console.log(summarizeProfile(file, Number(process.argv[3] ?? 25)).join('\n'));
}
