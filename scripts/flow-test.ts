// npm run flow:test -- <flow.json> [--context ctx.json] [--json]
// Runs the test cases saved in a flow file (the editor's JSON export: the flow document with
// its `tests`) on the simulator, prints each case ✓/✗ with its mismatches and the coverage.
// Exit code: 0 all cases pass, 1 a case fails, 2 a bad file or argument.
// --context: the directory the calls see, the JSON of GET /api/flows/:id/simulate/context
// (its `context`, or the whole response: its `flows` then serve redirects to other flows);
// default: an empty directory (no calendars, groups or agents). HTTP steps use the answers
// typed in each case, else are refused (no request is ever sent).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { EMPTY_CONTEXT, InvalidFlowError, loadFlow, type CallContext, type LoadedFlow } from '@/flow-runtime/interpreter';
import { coverage, runCases, type CaseMismatch, type CaseRun, type FlowTestCase } from '@/flow-runtime/simulator';
import { validateFlow, type Problem } from '@/schemas';

export const USAGE = 'Usage: npm run flow:test -- <flow.json> [--context context.json] [--json]';

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

function parseArgs(argv: string[]): { flowFile: string; contextFile: string | null; json: boolean } {
  let flowFile: string | null = null;
  let contextFile: string | null = null;
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--json') json = true;
    else if (arg === '--context') {
      contextFile = argv[++i] ?? null;
      if (!contextFile) throw new BadInput('--context needs a file');
    } else if (arg.startsWith('--context=')) contextFile = arg.slice('--context='.length);
    else if (arg === '--help' || arg === '-h') throw new BadInput(USAGE);
    else if (arg.startsWith('-')) throw new BadInput(`unknown option ${arg}\n${USAGE}`);
    else if (flowFile === null) flowFile = arg;
    else throw new BadInput(`one flow file only (got ${flowFile} and ${arg})\n${USAGE}`);
  }
  if (!flowFile) throw new BadInput(USAGE);
  return { flowFile, contextFile, json };
}

function readJson(io: Io, file: string, what: string): unknown {
  let text: string;
  try {
    text = io.readFile(file);
  } catch (error) {
    throw new BadInput(`${what} ${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new BadInput(`${what} ${file}: not valid JSON (${(error as Error).message})`);
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The directory from a context file: a CallContext, or the simulate/context response holding one. */
function readContext(io: Io, file: string | null): { context: CallContext; flows: Record<string, LoadedFlow> } {
  if (file === null) return { context: EMPTY_CONTEXT, flows: {} };
  const json = readJson(io, file, 'context');
  const raw = isObject(json) && isObject(json.context) ? json.context : json;
  if (!isObject(raw)) throw new BadInput(`context ${file}: not a JSON object`);
  for (const key of ['calendars', 'groups', 'agents', 'forbiddenLists'] as const) {
    if (raw[key] !== undefined && !isObject(raw[key])) throw new BadInput(`context ${file}: "${key}" must be an object keyed by id`);
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
      throw new BadInput(`context ${file}: flows.${flowId} is not a valid flow (${(error as Error).message})`);
    }
  }
  return { context, flows };
}

function show(value: unknown): string {
  if (value === null || value === undefined) return 'none';
  return JSON.stringify(value);
}

export function describeMismatch(m: CaseMismatch): string {
  switch (m.field) {
    case 'error':
      return `could not run: ${String(m.actual)}`;
    case 'endNodeId':
      return `ends at ${show(m.actual)}, expected ${show(m.expected)}`;
    case 'outcome':
      return `outcome ${show(m.actual)}, expected ${show(m.expected)}`;
    case 'visited':
      return `visits ${(m.actual as string[]).join(' › ') || 'nothing'}, expected ${(m.expected as string[]).join(' › ') || 'nothing'}`;
    case 'variables':
      return `variable ${m.key}: ${show(m.actual)}, expected ${show(m.expected)}`;
  }
}

function problemLine(p: Problem): string {
  return `  ${p.severity} ${p.code} at ${p.path || '/'}: ${p.message}`;
}

export async function main(argv: string[], io: Io = nodeIo): Promise<number> {
  let args: ReturnType<typeof parseArgs>;
  let flow: LoadedFlow;
  let cases: FlowTestCase[];
  let directory: ReturnType<typeof readContext>;
  let warnings: Problem[];
  try {
    args = parseArgs(argv);
    const doc = readJson(io, args.flowFile, 'flow');
    const validation = validateFlow(doc);
    if (!validation.ok) {
      throw new BadInput(`flow ${args.flowFile}: invalid\n${validation.problems.filter((p) => p.severity === 'error').map(problemLine).join('\n')}`);
    }
    warnings = validation.problems.filter((p) => p.path.startsWith('/tests'));
    flow = loadFlow(doc, { flowId: path.basename(args.flowFile).replace(/(\.flow)?\.json$/, '') });
    cases = ((doc as { tests?: FlowTestCase[] }).tests ?? []) as FlowTestCase[];
    directory = readContext(io, args.contextFile);
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
  io.out(`Flow "${flow.doc.name}": ${cases.length} test case${cases.length === 1 ? '' : 's'}`);
  for (const w of warnings) io.out(problemLine(w));
  for (const run of runs) {
    io.out(`${run.passed ? '✓' : '✗'} ${run.name}`);
    for (const m of run.mismatches) io.out(`    ${describeMismatch(m)}`);
  }
  io.out(`Coverage: ${cover.percent} % (${cover.nodes.covered}/${cover.nodes.total} steps, ${cover.outputs.covered}/${cover.outputs.total} outputs)`);
  io.out(`${runs.length - failed} passed, ${failed} failed`);
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
