import { readdirSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import path from 'node:path';

/** One printed figure of a benchmark, next to the target it is judged against. */
export interface BenchFigure {
  readonly bench: string;
  readonly figure: string;
  readonly value: string;
  readonly target: string;
}

// Every compiled `*.bench.js` beside this file exports `run(): Promise<BenchFigure[]>`;
// running them one after another keeps their timings independent of each other.
const here = import.meta.dirname;
const only = process.argv[2];
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.js') && (!only || f.includes(only)))
  .sort();
const rows: BenchFigure[] = [];
for (const file of files) {
  const mod = (await import(pathToFileURL(path.join(here, file)).href)) as { run: () => Promise<BenchFigure[]> };
  const figures = await mod.run();
  for (const f of figures) console.log(`${f.bench} | ${f.figure}: ${f.value} (target ${f.target})`);
  rows.push(...figures);
}
console.log('\n| bench | figure | value | target |\n|---|---|---|---|');
for (const r of rows) console.log(`| ${r.bench} | ${r.figure} | ${r.value} | ${r.target} |`);
