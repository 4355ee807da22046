// npm run bench:coldstart: size and cold load time of each function bundle, beside the same
// handler built naively (ajv compiling the schemas at init, esbuild's default bundling), both
// built in this run. Cold load = median of RUNS fresh `node` processes, each importing the bundle
// and running no invocation. Prints a table; this is a benchmark, never a test.
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildNaive, buildOptimized, FUNCTIONS } from './coldstart/builds.js';
import { coldLoad, median, sizeOf } from './coldstart/measure.js';

const RUNS = Number(process.env.RUNS ?? 20);
const root = fileURLToPath(new URL('..', import.meta.url));
const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;

const cpu = cpus();
console.log(
  `machine: ${cpu[0]?.model ?? 'unknown CPU'}, ${cpu.length} cores, Node ${process.version}, ${process.platform}/${process.arch}`,
);
console.log(`cold load: median of ${RUNS} fresh node processes each, importing the bundle, no invocation\n`);

const optimized = buildOptimized(root);
const naiveDir = mkdtempSync(join(tmpdir(), 'ferry-naive-'));
try {
  const naive = await buildNaive(root, naiveDir);
  const rows: string[][] = [];
  for (const fn of FUNCTIONS) {
    const times = { optimized: [] as number[], naive: [] as number[] };
    for (let i = 0; i < RUNS; i++) {
      // Interleaved, so that drift in the machine's load falls on both alike.
      times.optimized.push(coldLoad(optimized[fn]));
      times.naive.push(coldLoad(naive[fn]));
    }
    const [o, n] = [median(times.optimized), median(times.naive)];
    const [os, ns] = [sizeOf(optimized[fn]), sizeOf(naive[fn])];
    rows.push([
      fn,
      'build-time validators, tsup',
      kb(os.bytes),
      kb(os.gzip),
      `${o.toFixed(1)} ms`,
      `${(o / n).toFixed(2)}x`,
    ]);
    rows.push([fn, 'naive: ajv at init, defaults', kb(ns.bytes), kb(ns.gzip), `${n.toFixed(1)} ms`, '1.00x']);
    if (fn === 'producer') {
      const verdict = os.bytes < 350_000 ? 'met' : 'MISSED';
      console.log(`target producer bundle < 350 kB: ${verdict} (${os.bytes} bytes)`);
    }
    console.log(
      `target ${fn} cold load <= 0.5x naive: ${o / n <= 0.5 ? 'met' : 'MISSED'} (${(o / n).toFixed(2)}x)`,
    );
  }
  const header = ['function', 'build', 'bundle', 'gzip', 'cold load', 'vs naive'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(`\n${line(header)}\n|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const row of rows) console.log(line(row));
} finally {
  rmSync(naiveDir, { recursive: true, force: true });
}
