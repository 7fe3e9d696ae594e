// The RFC 4475 torture messages live in the shared folder beside the repository
// (../shared/sip-torture/rfc4475), wherever the repository is checked out; a git worktree one
// level deeper (e.g. wt/<name>) finds the same folder further up.
import { existsSync } from 'node:fs';
import path from 'node:path';

function findTortureDir(): string {
  let dir = path.resolve(import.meta.dirname, '..', '..');
  for (let i = 0; i < 4; i++) {
    const candidate = path.resolve(dir, '..', 'shared', 'sip-torture', 'rfc4475');
    if (existsSync(candidate)) return candidate;
    dir = path.dirname(dir);
  }
  return path.resolve(import.meta.dirname, '..', '..', '..', 'shared', 'sip-torture', 'rfc4475');
}

export const TORTURE_DIR = findTortureDir();
