// Whether the admin's production build is older than its sources (after a pull or an edit),
// so `npm start` rebuilds instead of serving stale pages.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

// Everything the admin bundle is built from.
const SOURCES = ['app', 'schemas', 'messages', 'prisma/schema.prisma', 'flow-runtime/media', 'next.config.js', 'package-lock.json'];

function newestMtime(target: string): number {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(target, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(path.join(target, entry.name)));
  }
  return newest;
}

export function adminBuildIsStale(root: string, distDir: string): boolean {
  const buildId = path.join(root, distDir, 'BUILD_ID');
  if (!existsSync(buildId)) return true;
  const builtAt = statSync(buildId).mtimeMs;
  return SOURCES.some((source) => newestMtime(path.join(root, source)) > builtAt);
}
