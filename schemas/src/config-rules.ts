// Rules on step configs that JSON Schema cannot express:
//  1. output ids of a node are unique (menu keys, split/condition branch ids, incl. vs. fixed outputs)
//  2. split percentages sum to 100
//  3. input minLength ≤ maxLength
//  4. expressions parse in the safe expression language; templates' {{…}} parts too
import { checkTemplate, parseExpression } from './expressions';
import type { FlowView } from './flow-view';
import { pointer, type Problem } from './problems';
import { forEachValueAt } from './schema-walk';
import { STEP_METADATA } from './step-metadata';
import { isStepType } from './step-types';

export function checkConfigs(flow: FlowView): Problem[] {
  const problems: Problem[] = [];
  for (const node of flow.nodes) {
    if (!isStepType(node.type) || node.config === null || typeof node.config !== 'object') continue;
    const configPath = pointer('nodes', node.index, 'config');
    const base = node.id !== undefined ? { nodeId: node.id } : {};
    const config = node.config as Record<string, unknown>;

    // 1.
    const seen = new Set<string>();
    for (const output of node.outputs) {
      if (seen.has(output.id)) {
        const dynamic = STEP_METADATA[node.type].outputs.dynamic;
        const path = output.configPath && dynamic ? `${configPath}${output.configPath}/${dynamic.idField}` : configPath;
        problems.push({ severity: 'error', code: 'output.duplicate', path, ...base,
          params: { node: String(node.id), output: output.id },
          message: `Output "${output.id}" appears twice on node "${node.id}"; each key or branch needs its own id.` });
      }
      seen.add(output.id);
    }

    // 2.
    if (node.type === 'split' && Array.isArray(config.branches)) {
      const percents = config.branches.map((b) => (b as { percent?: unknown })?.percent);
      if (percents.every((p) => typeof p === 'number')) {
        const sum = (percents as number[]).reduce((a, b) => a + b, 0);
        if (sum !== 100) {
          problems.push({ severity: 'error', code: 'split.percent-sum', path: `${configPath}/branches`, ...base,
            params: { sum },
            message: `The split percentages add up to ${sum}; make them add up to 100.` });
        }
      }
    }

    // 3.
    if (node.type === 'input' && typeof config.minLength === 'number' && typeof config.maxLength === 'number' && config.minLength > config.maxLength) {
      problems.push({ severity: 'error', code: 'input.length-range', path: `${configPath}/minLength`, ...base,
        params: { min: config.minLength, max: config.maxLength },
        message: `minLength (${config.minLength}) is greater than maxLength (${config.maxLength}); lower minLength or raise maxLength.` });
    }

    // 4.
    const { fields } = STEP_METADATA[node.type];
    for (const path of fields.expressions) {
      forEachValueAt(config, path, (value, at) => {
        if (typeof value !== 'string' || value === '') return;
        try {
          parseExpression(value);
        } catch (error) {
          problems.push({ severity: 'error', code: 'expression.invalid', path: configPath + at, ...base,
            params: { expression: String(value), reason: (error as Error).message },
            message: `Expression ${JSON.stringify(value)} is invalid: ${(error as Error).message}.` });
        }
      });
    }
    for (const path of fields.templates) {
      forEachValueAt(config, path, (value, at) => {
        if (typeof value !== 'string' || !value.includes('{{')) return;
        const reason = checkTemplate(value);
        if (reason) {
          problems.push({ severity: 'error', code: 'template.invalid', path: configPath + at, ...base,
            params: { reason },
            message: `Template is invalid: ${reason}.` });
        }
      });
    }
  }
  return problems;
}
