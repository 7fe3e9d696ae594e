// Time to validate the generated 500- and 2,000-node fixture flows with validateFlow()
// (schema, graph, config and reference rules). Run: npx tsx bench/run.ts validate
import { validateFlow } from '../schemas/index';
import { generateLargeFlow } from '../tests/fixtures/generate-large-flow';
import { FIXTURE_REFERENCES } from '../tests/fixtures/references';

function measure(run: () => void, iterations: number): { median: number; p95: number } {
  const times: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)], p95: times[Math.floor(times.length * 0.95)] };
}

export default async function benchValidateFlow(): Promise<void> {
  for (const size of [500, 2000]) {
    const flow = generateLargeFlow(size);
    const json = JSON.stringify(flow);
    const first = measure(() => validateFlow(JSON.parse(json)), 1);
    for (let i = 0; i < 5; i++) validateFlow(flow, { references: FIXTURE_REFERENCES }); // warm-up
    const warm = measure(() => {
      const result = validateFlow(flow, { references: FIXTURE_REFERENCES });
      if (!result.ok) throw new Error(`generated ${size}-node flow is invalid: ${result.problems[0]?.message}`);
    }, 30);
    const withParse = measure(() => validateFlow(JSON.parse(json), { references: FIXTURE_REFERENCES }), 30);
    console.log(
      `validateFlow ${String(size).padStart(5)} nodes / ${flow.edges.length} edges: ` +
        `median ${warm.median.toFixed(1)} ms, p95 ${warm.p95.toFixed(1)} ms; ` +
        `with JSON.parse ${withParse.median.toFixed(1)} ms; first (cold) call ${first.median.toFixed(1)} ms`,
    );
  }
}
