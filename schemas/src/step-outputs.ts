// The one place that says which outputs a node has; the editor draws handles from it and
// the runtime follows edges by it.
import { STEP_METADATA, type Localized } from './step-metadata';
import { isStepType } from './step-types';

export interface StepOutput {
  id: string;
  label: string;
  /** An unconnected required output is an error in validateFlow(). */
  required: boolean;
  /** When unconnected, the runtime follows this output's edge instead (already resolved to a present output). */
  fallback?: string;
  /** For outputs coming from a config array: pointer of the item in the config, e.g. /keys/2. */
  configPath?: string;
}

export interface NodeLike {
  type: unknown;
  config?: unknown;
}

function valueAt(config: unknown, pointer: string): unknown {
  let value = config;
  for (const segment of pointer.split('/').slice(1)) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[segment];
  }
  return value;
}

/**
 * Outputs of a node, in display order (dynamic ones first, e.g. menu keys, then fixed ones).
 * Tolerates invalid configs (returns what can be read); unknown types have no outputs.
 * Fallbacks are resolved along their chain to an output the node has; an output whose
 * fallback chain leads nowhere becomes required.
 */
export function stepOutputs(node: NodeLike, language: keyof Localized = 'en'): StepOutput[] {
  if (!isStepType(node.type)) return [];
  const { outputs } = STEP_METADATA[node.type];
  const config = node.config;
  const result: StepOutput[] = [];
  if (outputs.dynamic) {
    const { from, idField, labelField, required } = outputs.dynamic;
    const items = valueAt(config, from);
    if (Array.isArray(items)) {
      items.forEach((item, index) => {
        const id = valueAt(item, '/' + idField);
        if (typeof id !== 'string') return;
        const label = labelField ? valueAt(item, '/' + labelField) : undefined;
        result.push({ id, label: typeof label === 'string' && label !== '' ? label : id, required, configPath: `${from}/${index}` });
      });
    }
  }
  const present = outputs.static.filter((o) => {
    if (!o.when) return true;
    const value = valueAt(config, o.when.pointer);
    return o.when.in.includes(value === undefined ? o.when.defaultValue : value);
  });
  const byId = new Map(present.map((o) => [o.id, o]));
  for (const o of present) {
    let fallback = o.fallback;
    while (fallback !== undefined && !byId.has(fallback)) {
      // The declared fallback is absent on this node: follow its own fallback, if any.
      fallback = STEP_METADATA[node.type].outputs.static.find((s) => s.id === fallback)?.fallback;
    }
    const output: StepOutput = { id: o.id, label: o.label[language], required: o.required || (o.fallback !== undefined && fallback === undefined) };
    if (fallback !== undefined) output.fallback = fallback;
    result.push(output);
  }
  return result;
}

/**
 * The output whose edge the runtime follows when a node leaves by `outputId`: the output itself
 * when connected, else its fallback chain; null when nothing is connected (the call hangs up).
 */
export function resolveTakenOutput(
  outputs: readonly StepOutput[],
  outputId: string,
  isConnected: (outputId: string) => boolean,
): string | null {
  let current: string | undefined = outputId;
  const visited = new Set<string>();
  while (current !== undefined && !visited.has(current)) {
    if (isConnected(current)) return current;
    visited.add(current);
    current = outputs.find((o) => o.id === current)?.fallback;
  }
  return null;
}
