// Prints one closing line for the whole test run, "tests: N passed, N failed, N skipped",
// from the JSON reports vitest and Playwright wrote (scripts/test.sh asks them to):
// `test-summary.ts <vitest.json>... <playwright.json>` (the last one is Playwright's).
// A test file that failed outside its tests (hook timeout, import error) counts as one failure.
import { existsSync, readFileSync } from 'node:fs';

interface Counts { passed: number; failed: number; skipped: number }
const total: Counts = { passed: 0, failed: 0, skipped: 0 };

function readJson(file: string): unknown {
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined;
}

const reports = process.argv.slice(2);
const playwrightFile = reports.at(-1)!;
interface VitestFile { name: string; status: string; message?: string; assertionResults?: { status: string }[] }
for (const vitestFile of reports.slice(0, -1)) {
  const vitest = readJson(vitestFile) as
    | { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number; testResults?: VitestFile[] }
    | undefined;
  if (vitest) {
    total.passed += vitest.numPassedTests;
    total.failed += vitest.numFailedTests;
    total.skipped += vitest.numPendingTests + vitest.numTodoTests;
    // A file can fail with no failed test (a hook timed out, an import threw): count it, name it.
    for (const file of vitest.testResults ?? []) {
      if (file.status !== 'failed' || (file.assertionResults ?? []).some((a) => a.status === 'failed')) continue;
      total.failed += 1;
      console.log(`failed outside its tests: ${file.name}: ${(file.message ?? '').split('\n')[0]}`);
    }
  } else {
    console.log(`no vitest report at ${vitestFile}`);
    total.failed += 1;
  }
}

const playwright = readJson(playwrightFile) as
  | { stats: { expected: number; unexpected: number; flaky: number; skipped: number } }
  | undefined;
if (playwright) {
  total.passed += playwright.stats.expected;
  total.failed += playwright.stats.unexpected + playwright.stats.flaky;
  total.skipped += playwright.stats.skipped;
} else {
  console.log(`no Playwright report at ${playwrightFile}`);
  total.failed += 1;
}

console.log(`tests: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
