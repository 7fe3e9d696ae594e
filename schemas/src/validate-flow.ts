import { checkConfigs } from './config-rules';
import { viewFlow } from './flow-view';
import { checkGraph } from './graph-rules';
import type { Problem } from './problems';
import { checkReferences, type ReferenceSets } from './reference-rules';
import { checkSchema } from './schema-rules';
import { checkTests } from './test-rules';

export interface ValidateFlowOptions {
  /** Ids existing in the organisation, per kind; references of a kind given here must exist. */
  references?: ReferenceSets;
}

export interface ValidateFlowResult {
  /** True when there is no error (warnings allowed). */
  ok: boolean;
  problems: Problem[];
}

/**
 * Validates a flow document: JSON Schema (flow and every step config), graph rules, config
 * rules (split sums, expressions, templates), and organisation references when given.
 * Pure: reads `flow`, never modifies it. Problems are sorted by path, errors first.
 */
export function validateFlow(flow: unknown, options: ValidateFlowOptions = {}): ValidateFlowResult {
  if (flow === null || typeof flow !== 'object' || Array.isArray(flow)) {
    return { ok: false, problems: [{ severity: 'error', code: 'flow.not-object', path: '', message: 'A flow must be a JSON object.' }] };
  }
  const problems = checkSchema(flow);
  const view = viewFlow(flow as Record<string, unknown>);
  problems.push(...checkGraph(view), ...checkConfigs(view), ...checkTests(flow as Record<string, unknown>, view));
  if (options.references) problems.push(...checkReferences(view, options.references));
  problems.sort((a, b) => (a.severity === b.severity ? (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) : a.severity === 'error' ? -1 : 1));
  return { ok: !problems.some((p) => p.severity === 'error'), problems };
}
