// npm run flow:test -- <flow.json> [--context ctx.json] [--json] [--lang fr|en]
// Runs the test cases saved in a flow file (the editor's JSON export: the flow document with
// its `tests`) on the simulator, prints each case ✓/✗ with its mismatches and the coverage.
// Exit code: 0 all cases pass, 1 a case fails, 2 a bad file or argument.
// --context: the directory the calls see, the JSON of GET /api/flows/:id/simulate/context
// (its `context`, or the whole response: its `flows` then serve redirects to other flows);
// default: an empty directory (no calendars, groups or agents). HTTP steps use the answers
// typed in each case, else are refused (no request is ever sent).
// Language: --lang fr|en, else LC_ALL / LC_MESSAGES / LANG (fr… → French), else English; texts
// in scripts/messages/flow-test.{en,fr}.json, flow problems from schemas/messages.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createTranslator } from 'next-intl';
import { EMPTY_CONTEXT, InvalidFlowError, loadFlow, type CallContext, type LoadedFlow } from '@/flow-runtime/interpreter';
import { coverage, runCases, type CaseMismatch, type CaseRun, type FlowTestCase } from '@/flow-runtime/simulator';
import { validateFlow, type Problem } from '@/schemas';
import schemaEn from '@/schemas/messages/en.json';
import schemaFr from '@/schemas/messages/fr.json';
import textsEn from './messages/flow-test.en.json';
import textsFr from './messages/flow-test.fr.json';

export type Lang = 'en' | 'fr';
type Key = keyof typeof textsEn;
const TEXTS: Record<Lang, Record<Key, string>> = { en: textsEn, fr: textsFr };

function text(lang: Lang, key: Key, params: Record<string, string | number> = {}): string {
  return TEXTS[lang][key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** --lang, else the locale environment variables. */
export function resolveLang(argv: string[], env: Record<string, string | undefined>): Lang {
  const i = argv.findIndex((a) => a === '--lang' || a.startsWith('--lang='));
  if (i >= 0) {
    const value = argv[i].includes('=') ? argv[i].slice('--lang='.length) : argv[i + 1];
    if (value === 'fr' || value === 'en') return value;
  }
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return locale.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

export interface Io {
  out(line: string): void;
  err(line: string): void;
  readFile(file: string): string;
}

const nodeIo: Io = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  readFile: (file) => readFileSync(file, 'utf8'),
};

class BadInput extends Error {}

function parseArgs(argv: string[], lang: Lang): { flowFile: string; contextFile: string | null; json: boolean } {
  const usage = text(lang, 'usage');
  let flowFile: string | null = null;
  let contextFile: string | null = null;
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--json') json = true;
    else if (arg === '--lang') {
      const value = argv[++i];
      if (value !== 'fr' && value !== 'en') throw new BadInput(text(lang, 'badLang'));
    } else if (arg.startsWith('--lang=')) {
      if (!['--lang=fr', '--lang=en'].includes(arg)) throw new BadInput(text(lang, 'badLang'));
    } else if (arg === '--context') {
      contextFile = argv[++i] ?? null;
      if (!contextFile) throw new BadInput(text(lang, 'needsFile', { option: '--context' }));
    } else if (arg.startsWith('--context=')) contextFile = arg.slice('--context='.length);
    else if (arg === '--help' || arg === '-h') throw new BadInput(usage);
    else if (arg.startsWith('-')) throw new BadInput(`${text(lang, 'unknownOption', { option: arg })}\n${usage}`);
    else if (flowFile === null) flowFile = arg;
    else throw new BadInput(`${text(lang, 'oneFile', { first: flowFile, second: arg })}\n${usage}`);
  }
  if (!flowFile) throw new BadInput(usage);
  return { flowFile, contextFile, json };
}

function readJson(io: Io, lang: Lang, file: string, what: 'flow' | 'context'): unknown {
  let content: string;
  const label = text(lang, what === 'flow' ? 'what.flow' : 'what.context');
  try {
    content = io.readFile(file);
  } catch (error) {
    throw new BadInput(text(lang, 'unreadable', { what: label, file, reason: (error as NodeJS.ErrnoException).code ?? (error as Error).message }));
  }
  try {
    return JSON.parse(content);
  } catch (error) {
    throw new BadInput(text(lang, 'notJson', { what: label, file, reason: (error as Error).message }));
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The directory from a context file: a CallContext, or the simulate/context response holding one. */
function readContext(io: Io, lang: Lang, file: string | null): { context: CallContext; flows: Record<string, LoadedFlow> } {
  if (file === null) return { context: EMPTY_CONTEXT, flows: {} };
  const json = readJson(io, lang, file, 'context');
  const raw = isObject(json) && isObject(json.context) ? json.context : json;
  if (!isObject(raw)) throw new BadInput(text(lang, 'contextNotObject', { file }));
  for (const key of ['calendars', 'groups', 'agents', 'forbiddenLists'] as const) {
    if (raw[key] !== undefined && !isObject(raw[key])) throw new BadInput(text(lang, 'contextField', { file, field: key }));
  }
  const context: CallContext = {
    calendars: (raw.calendars as CallContext['calendars']) ?? {},
    groups: (raw.groups as CallContext['groups']) ?? {},
    agents: (raw.agents as CallContext['agents']) ?? {},
    forbiddenLists: (raw.forbiddenLists as CallContext['forbiddenLists']) ?? {},
    timezone: typeof raw.timezone === 'string' ? raw.timezone : typeof (json as Record<string, unknown>).timezone === 'string' ? ((json as Record<string, unknown>).timezone as string) : EMPTY_CONTEXT.timezone,
    homeCountryCode:
      typeof raw.homeCountryCode === 'string' ? raw.homeCountryCode : typeof (json as Record<string, unknown>).homeCountryCode === 'string' ? ((json as Record<string, unknown>).homeCountryCode as string) : EMPTY_CONTEXT.homeCountryCode,
  };
  const flows: Record<string, LoadedFlow> = {};
  const targets = isObject(json) && isObject(json.flows) ? json.flows : {};
  for (const [flowId, entry] of Object.entries(targets)) {
    const document = isObject(entry) ? entry.document : undefined;
    try {
      flows[flowId] = loadFlow(document, { flowId });
    } catch (error) {
      throw new BadInput(text(lang, 'contextFlow', { file, flowId, reason: (error as Error).message }));
    }
  }
  return { context, flows };
}

function show(lang: Lang, value: unknown): string {
  if (value === null || value === undefined) return text(lang, 'none');
  return JSON.stringify(value);
}

export function describeMismatch(m: CaseMismatch, lang: Lang = 'en'): string {
  const path = (v: unknown) => (Array.isArray(v) && v.length > 0 ? v.join(' › ') : text(lang, 'nothing'));
  switch (m.field) {
    case 'error':
      return text(lang, 'mismatch.error', { actual: String(m.actual) });
    case 'visited':
      return text(lang, 'mismatch.visited', { actual: path(m.actual), expected: path(m.expected) });
    case 'variables':
      return text(lang, 'mismatch.variables', { key: m.key ?? '', actual: show(lang, m.actual), expected: show(lang, m.expected) });
    default:
      return text(lang, m.field === 'endNodeId' ? 'mismatch.endNodeId' : 'mismatch.outcome', { actual: show(lang, m.actual), expected: show(lang, m.expected) });
  }
}

/** A flow problem in the user's language (schemas/messages problems.<code>). */
function problemLine(p: Problem, lang: Lang): string {
  let message = p.message;
  if (p.params) {
    try {
      const t = createTranslator({ locale: lang, messages: { problems: (lang === 'fr' ? schemaFr : schemaEn).problems } as never, namespace: 'problems' as never }) as unknown as (
        key: string,
        params: unknown,
      ) => string;
      message = t(p.code, p.params);
    } catch {
      // keep the English message
    }
  }
  return `  ${p.severity} ${p.code} ${p.path || '/'}: ${message}`;
}

export async function main(argv: string[], io: Io = nodeIo, env: Record<string, string | undefined> = process.env): Promise<number> {
  const lang = resolveLang(argv, env);
  let args: ReturnType<typeof parseArgs>;
  let flow: LoadedFlow;
  let cases: FlowTestCase[];
  let directory: ReturnType<typeof readContext>;
  let warnings: Problem[];
  try {
    args = parseArgs(argv, lang);
    const doc = readJson(io, lang, args.flowFile, 'flow');
    const validation = validateFlow(doc);
    if (!validation.ok) {
      const errors = validation.problems.filter((p) => p.severity === 'error').map((p) => problemLine(p, lang));
      throw new BadInput(`${text(lang, 'invalidFlow', { file: args.flowFile })}\n${errors.join('\n')}`);
    }
    warnings = validation.problems.filter((p) => p.path.startsWith('/tests'));
    flow = loadFlow(doc, { flowId: path.basename(args.flowFile).replace(/(\.flow)?\.json$/, '') });
    cases = ((doc as { tests?: FlowTestCase[] }).tests ?? []) as FlowTestCase[];
    directory = readContext(io, lang, args.contextFile);
  } catch (error) {
    if (error instanceof BadInput || error instanceof InvalidFlowError) {
      io.err(error.message);
      return 2;
    }
    throw error;
  }

  const runs: CaseRun[] = await runCases(flow, cases, { context: directory.context, flows: directory.flows });
  const cover = coverage(flow, runs);
  const failed = runs.filter((r) => !r.passed).length;
  if (args.json) {
    io.out(
      JSON.stringify(
        {
          flow: flow.doc.name,
          passed: runs.length - failed,
          failed,
          runs: runs.map((r) => ({
            caseId: r.caseId,
            name: r.name,
            passed: r.passed,
            mismatches: r.mismatches,
            result: { endNodeId: r.result.endNodeId, outcome: r.result.outcome, visited: r.result.visited, durationMs: r.result.durationMs },
          })),
          coverage: cover,
          warnings: warnings.map(({ code, path: at, message }) => ({ code, path: at, message })),
        },
        null,
        2,
      ),
    );
    return failed > 0 ? 1 : 0;
  }
  io.out(text(lang, cases.length === 1 ? 'header.one' : 'header.other', { name: flow.doc.name, count: cases.length }));
  for (const w of warnings) io.out(problemLine(w, lang));
  for (const run of runs) {
    io.out(`${run.passed ? '✓' : '✗'} ${run.name}`);
    for (const m of run.mismatches) io.out(`    ${describeMismatch(m, lang)}`);
  }
  io.out(
    text(lang, 'coverage', {
      percent: cover.percent,
      nodes: cover.nodes.covered,
      nodesTotal: cover.nodes.total,
      outputs: cover.outputs.covered,
      outputsTotal: cover.outputs.total,
    }),
  );
  io.out(text(lang, 'summary', { passed: runs.length - failed, failed }));
  return failed > 0 ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(2);
    },
  );
}
