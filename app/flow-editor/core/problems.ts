// Maps validateFlow() problems onto what the canvas draws: nodes, edges and output handles.
import type { Problem } from '@/schemas';
import type { ProblemIndex } from './types';

export const outputKey = (nodeId: string, outputId: string) => `${nodeId}\u0000${outputId}`;

/** The output a problem is about, for output.* codes (validateFlow names it in the message). */
export function problemOutput(problem: Problem): string | undefined {
  if (!problem.code.startsWith('output.')) return undefined;
  return /^Output "([^"]+)"/.exec(problem.message)?.[1];
}

export function indexProblems(problems: readonly Problem[]): ProblemIndex {
  const index: ProblemIndex = { byNode: new Map(), byEdge: new Map(), byOutput: new Map(), general: [], errorCount: 0, warningCount: 0 };
  const push = (map: Map<string, Problem[]>, key: string, p: Problem) => {
    const list = map.get(key);
    if (list) list.push(p);
    else map.set(key, [p]);
  };
  for (const p of problems) {
    if (p.severity === 'error') index.errorCount++;
    else index.warningCount++;
    if (p.edgeId !== undefined) push(index.byEdge, p.edgeId, p);
    if (p.nodeId !== undefined) {
      push(index.byNode, p.nodeId, p);
      const output = problemOutput(p);
      if (output !== undefined) push(index.byOutput, outputKey(p.nodeId, output), p);
    }
    if (p.nodeId === undefined && p.edgeId === undefined) index.general.push(p);
  }
  return index;
}

/** The worst severity in a list, or undefined when empty. */
export function worstSeverity(problems: readonly Problem[] | undefined): 'error' | 'warning' | undefined {
  if (!problems || problems.length === 0) return undefined;
  return problems.some((p) => p.severity === 'error') ? 'error' : 'warning';
}

/**
 * The config field a problem points at, relative to its node's config (e.g. `/keys/1/key`),
 * so the inspector can show it next to the field; undefined when it is not inside a config.
 */
export function problemConfigPath(problem: Problem): string | undefined {
  const match = /^\/nodes\/\d+\/config(\/.*)?$/.exec(problem.path);
  return match ? (match[1] ?? '') : undefined;
}

/**
 * The editor's problems plus those the server reported when it refused the draft and the
 * editor did not find itself (same code and path), so the problems panel and the save status
 * count one list.
 */
export function mergeProblems(local: readonly Problem[], server: readonly Problem[]): Problem[] {
  const known = new Set(local.map((p) => `${p.code}\u0000${p.path}`));
  return [...local, ...server.filter((p) => !known.has(`${p.code}\u0000${p.path}`))];
}
