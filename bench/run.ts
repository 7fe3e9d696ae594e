// Runs every benchmark in bench/ (files named *.bench.ts), one after the other, and lets
// each print its own figures. `npm run bench -- sip` runs only the files whose name
// contains "sip".
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const filter = process.argv[2] ?? '';
const dir = import.meta.dirname;
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts') && f.includes(filter))
  .sort();

for (const file of files) {
  console.log(`\n=== ${file} ===`);
  const mod = await import(pathToFileURL(path.join(dir, file)).href);
  if (typeof mod.default === 'function') await mod.default();
}
console.log(`\n${files.length} benchmark file(s) run.`);
