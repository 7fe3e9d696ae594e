// npm run flow:test (scripts/flow-test.ts): a flow file's cases, ✓/✗ with the mismatches in
// words, the coverage; exit 0 / 1 (a case fails) / 2 (bad file or argument).
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { FlowTestCase } from '@/flow-runtime/simulator';
import { main, type Io } from '@/scripts/flow-test';
import { loadGoodFlows } from '@/tests/fixtures';
import { fixtureContext } from '@/tests/runtime/support/context';

const ROOT = path.resolve(import.meta.dirname, '../..');
const reception = loadGoodFlows().find((f) => f.name === 'reception-fr')!.flow as Record<string, unknown>;
const cases: FlowTestCase[] = [
  {
    id: 'case_holiday',
    name: 'Lundi de Pâques',
    input: { caller: '+33612345678', called: '+33184000000', at: '2025-04-21T10:00', actions: [] },
    expect: { endNodeId: 'voicemail', outcome: null },
  },
  {
    id: 'case_nobody',
    name: 'Support, personne',
    input: { caller: '+33612345678', called: '+33184000000', at: '2025-01-14T10:00', answer: 'nobody', actions: [{ kind: 'dtmf', digits: '2' }] },
    expect: { endNodeId: 'voicemail', outcome: 'no_answer' },
  },
];

function files(extra: Record<string, string>): Io & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    stdout,
    stderr,
    out: (l) => stdout.push(l),
    err: (l) => stderr.push(l),
    readFile: (f) => {
      if (!(f in extra)) throw Object.assign(new Error('no such file'), { code: 'ENOENT' });
      return extra[f];
    },
  };
}

const EN = { LANG: 'C.UTF-8' };
const context = JSON.stringify({ context: fixtureContext(), agents: [], timezone: 'Europe/Paris', homeCountryCode: '33' });
const broken = { ...reception, edges: (reception.edges as { source: string; sourceOutput: string }[]).filter((e) => !(e.source === 'menu' && e.sourceOutput === '2')) };

describe('npm run flow:test', () => {
  it('prints each case and the coverage; exit 0 when all pass', async () => {
    const io = files({ 'flow.json': JSON.stringify({ ...reception, tests: cases }), 'ctx.json': context });
    expect(await main(['flow.json', '--context', 'ctx.json'], io, EN)).toBe(0);
    expect(io.stdout).toEqual([
      'Flow "Accueil standard": 2 test cases',
      '✓ Lundi de Pâques',
      '✓ Support, personne',
      'Coverage: 48 % (6/10 steps, 6/15 outputs)',
      '2 passed, 0 failed',
    ]);
  });

  it('a broken flow: the failing case says where the call went; exit 1; --json for CI', async () => {
    const io = files({ 'flow.json': JSON.stringify({ ...broken, tests: cases }), 'ctx.json': context });
    expect(await main(['flow.json', '--context=ctx.json'], io, EN)).toBe(1);
    expect(io.stdout).toContain('✗ Support, personne');
    expect(io.stdout).toContain('    ends at "menu", expected "voicemail"');
    expect(io.stdout).toContain('    outcome none, expected "no_answer"');
    const json = files({ 'flow.json': JSON.stringify({ ...broken, tests: cases }), 'ctx.json': context });
    expect(await main(['flow.json', '--context', 'ctx.json', '--json'], json, EN)).toBe(1);
    const report = JSON.parse(json.stdout.join('\n'));
    expect(report).toMatchObject({ flow: 'Accueil standard', passed: 1, failed: 1, coverage: { percent: expect.any(Number) } });
    expect(report.runs[1]).toMatchObject({ caseId: 'case_nobody', passed: false, mismatches: [{ field: 'endNodeId' }, { field: 'outcome' }] });
  });

  it('speaks French with --lang fr or a French locale; flow problems too', async () => {
    const io = files({ 'flow.json': JSON.stringify({ ...broken, tests: [...cases, { ...cases[0], id: 'case_stale', name: 'Ancien', expect: { endNodeId: 'gone' } }] }), 'ctx.json': context });
    expect(await main(['flow.json', '--context', 'ctx.json'], io, { LANG: 'fr_FR.UTF-8' })).toBe(1);
    expect(io.stdout).toEqual([
      'Flux « Accueil standard » : 3 cas de test',
      '  warning test.unknown-node /tests/2/expect/endNodeId: Le cas de test « Ancien » cite l’étape « gone », qui n’existe pas ; il échouera tant que vous ne l’aurez pas réenregistré depuis une nouvelle simulation.',
      '✓ Lundi de Pâques',
      '✗ Support, personne',
      '    se termine à "menu", attendu "voicemail"',
      '    issue aucun, attendu "no_answer"',
      '✗ Ancien',
      '    se termine à "voicemail", attendu "gone"',
      'Couverture : 38 % (5/10 étapes, 4/14 sorties)',
      '1 réussi(s), 2 en échec',
    ]);
    const bad = files({ 'invalid.json': JSON.stringify({ ...reception, entry: 'nowhere' }) });
    expect(await main(['invalid.json', '--lang', 'fr'], bad, EN)).toBe(2);
    expect(bad.stderr.join('\n')).toContain('flux invalid.json : non valide\n  error entry.missing /entry: L’étape d’entrée');
  });

  it('bad files and arguments: exit 2 with the reason', async () => {
    const cases2 = [
      [[], /Usage/],
      [['missing.json'], /missing.json: cannot be read \(ENOENT\)/],
      [['text.json'], /not valid JSON/],
      [['invalid.json'], /invalid\n.*entry.missing/],
      [['flow.json', '--context', 'missing.json'], /context missing.json: cannot be read/],
      [['flow.json', '--context', 'badctx.json'], /"groups" must be an object/],
      [['flow.json', '--frobnicate'], /unknown option --frobnicate/],
    ] as const;
    for (const [argv, message] of cases2) {
      const io = files({
        'flow.json': JSON.stringify({ ...reception, tests: cases }),
        'text.json': 'not json',
        'invalid.json': JSON.stringify({ ...reception, entry: 'nowhere' }),
        'badctx.json': JSON.stringify({ groups: [] }),
      });
      expect(await main([...argv], io, EN), argv.join(' ')).toBe(2);
      expect(io.stderr.join('\n'), argv.join(' ')).toMatch(message);
    }
  });

  it('runs as an npm script with the exit code of its cases', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'flow-test-'));
    writeFileSync(path.join(dir, 'broken.flow.json'), JSON.stringify({ ...broken, tests: cases }));
    writeFileSync(path.join(dir, 'context.json'), context);
    const run = promisify(execFile);
    const failure = await run('npm', ['run', '--silent', 'flow:test', '--', path.join(dir, 'broken.flow.json'), '--context', path.join(dir, 'context.json'), '--lang', 'en'], {
      cwd: ROOT,
      timeout: 120_000,
    }).catch((error: { code: number; stdout: string }) => error);
    expect((failure as { code: number }).code).toBe(1);
    expect((failure as { stdout: string }).stdout).toContain('✗ Support, personne');
  }, 150_000);
});
