import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  STEP_METADATA,
  STEP_TYPES,
  applyStepDefaults,
  compareWithStepTypes,
  flowSchema,
  stepOutputs,
  stepSchemas,
  validateStepConfig,
} from '../../schemas/index';

const EXPECTED_TYPES = [
  'message', 'menu', 'input', 'hours', 'queue-group', 'redirect', 'voicemail', 'callback',
  'sms', 'forbidden-transfer', 'filter', 'split', 'variable', 'http-request', 'condition', 'hangup',
];

describe('step catalogue', () => {
  it('has exactly the sixteen step types of ARCHITECTURE.md', () => {
    expect([...STEP_TYPES].sort()).toEqual([...EXPECTED_TYPES].sort());
  });

  it('has one schema file per step type, named by its id, and the flow schema lists the same ids', () => {
    const files = readdirSync(path.resolve(import.meta.dirname, '../../schemas/steps')).map((f) => f.replace('.schema.json', ''));
    expect(compareWithStepTypes(files)).toEqual({ missing: [], extra: [] });
    const nodeTypes = ((flowSchema.$defs as Record<string, { properties: { type: { enum: string[] } } }>).node).properties.type.enum;
    expect(compareWithStepTypes(nodeTypes)).toEqual({ missing: [], extra: [] });
    expect(compareWithStepTypes(['message', 'dance'])).toEqual({ missing: STEP_TYPES.filter((t) => t !== 'message'), extra: ['dance'] });
  });

  it.each([...STEP_TYPES])('%s has titles and descriptions in French and English, a category and an $id', (type) => {
    const meta = STEP_METADATA[type];
    for (const text of [meta.title.en, meta.title.fr, meta.description.en, meta.description.fr]) expect(text).toMatch(/\S{2,}/);
    expect(['prompts', 'routing', 'logic', 'actions']).toContain(meta.category);
    expect(stepSchemas[type].$id).toBe(`https://relais.dev/schemas/steps/${type}.schema.json`);
    for (const output of meta.outputs.static) {
      expect(output.label.en).toBeTruthy();
      expect(output.label.fr).toBeTruthy();
      if (output.fallback) expect(meta.outputs.static.map((o) => o.id)).toContain(output.fallback);
    }
  });

  it.each([...STEP_TYPES])('%s: schema defaults pass the schema', (type) => {
    const validate = validateStepConfig[type];
    const props = stepSchemas[type].properties as Record<string, { default?: unknown }>;
    for (const [name, prop] of Object.entries(props)) {
      if (prop.default === undefined) continue;
      validate({ [name]: prop.default });
      const errorsOnField = (validate.errors ?? []).filter((e) => e.instancePath === `/${name}`);
      expect(errorsOnField, `${type}.${name} default`).toEqual([]);
    }
  });
});

describe('stepOutputs', () => {
  const ids = (type: string, config: unknown) => stepOutputs({ type, config }).map((o) => o.id);

  it('declares the outputs of every step', () => {
    expect(ids('message', {})).toEqual(['next']);
    expect(ids('menu', { keys: [{ key: '1' }, { key: '#' }] })).toEqual(['1', '#', 'timeout', 'invalid']);
    expect(ids('input', {})).toEqual(['ok', 'invalid', 'timeout']);
    expect(ids('hours', {})).toEqual(['open', 'closed', 'holiday']);
    expect(ids('queue-group', {})).toEqual(['no_answer', 'busy', 'timeout', 'full', 'unavailable']);
    expect(ids('redirect', { target: { kind: 'external' } })).toEqual(['no_answer', 'busy', 'failed', 'forbidden']);
    expect(ids('redirect', { target: { kind: 'agent' } })).toEqual(['no_answer', 'busy', 'failed']);
    expect(ids('redirect', { target: { kind: 'flow' } })).toEqual(['failed']);
    expect(ids('voicemail', {})).toEqual([]);
    expect(ids('voicemail', { afterRecording: 'next' })).toEqual(['next']);
    expect(ids('callback', {})).toEqual(['registered', 'failed']);
    expect(ids('sms', {})).toEqual(['sent', 'failed']);
    expect(ids('forbidden-transfer', {})).toEqual(['next']);
    expect(ids('filter', {})).toEqual(['match', 'no_match', 'anonymous']);
    expect(ids('filter', { anonymous: 'match' })).toEqual(['match', 'no_match']);
    expect(ids('split', { branches: [{ id: 'a' }, { id: 'b' }] })).toEqual(['a', 'b']);
    expect(ids('variable', {})).toEqual(['next']);
    expect(ids('http-request', {})).toEqual(['success', 'error', 'timeout']);
    expect(ids('condition', { branches: [{ id: 'vip' }] })).toEqual(['vip', 'else']);
    expect(ids('hangup', {})).toEqual([]);
    expect(ids('nope', {})).toEqual([]);
  });

  it('marks required outputs, resolves fallbacks and localises labels', () => {
    const hours = stepOutputs({ type: 'hours', config: {} }, 'fr');
    expect(hours).toEqual([
      { id: 'open', label: 'Ouvert', required: true },
      { id: 'closed', label: 'Fermé', required: true },
      { id: 'holiday', label: 'Jour férié', required: false, fallback: 'closed' },
    ]);
    const menu = stepOutputs({ type: 'menu', config: { keys: [{ key: '1', label: 'Ventes' }] } });
    expect(menu[0]).toEqual({ id: '1', label: 'Ventes', required: false, configPath: '/keys/0' });
    // A redirect to a flow has no no_answer output, so `failed` (which falls back to it) becomes required.
    expect(stepOutputs({ type: 'redirect', config: { target: { kind: 'flow' } } })).toEqual([{ id: 'failed', label: 'Failed', required: true }]);
  });

  it('tolerates broken configs', () => {
    expect(ids('menu', null)).toEqual(['timeout', 'invalid']);
    expect(ids('menu', { keys: 'x' })).toEqual(['timeout', 'invalid']);
    expect(ids('split', { branches: [{ id: 3 }, null] })).toEqual([]);
  });
});

describe('applyStepDefaults', () => {
  it('fills schema defaults without touching the input', () => {
    const config = { groupId: 'g' };
    expect(applyStepDefaults('queue-group', config)).toMatchObject({ groupId: 'g', strategy: 'simultaneous', ringTimeSeconds: 20, skipBusy: true, maxWaitSeconds: 300 });
    expect(config).toEqual({ groupId: 'g' });
    expect(applyStepDefaults('http-request', { url: 'https://x' })).toMatchObject({ method: 'GET', timeoutSeconds: 5, retries: 0 });
  });
});
