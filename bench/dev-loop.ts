// npm run bench:dev-loop: the developer's loop as `npm start` runs it (ferry up --watch with the
// local profile, cloudformation/local.parameters.json), in a copy of the project so the checkout
// is never edited. Prints progress on stderr and the table on stdout. A benchmark, never a test.
//
//   ready               spawn -> ready text (the bundles already built), median of BENCH_STARTS
//   202 -> processed    README's curl, one at a time: the 202's arrival to the consumer's processed
//                       line printed on ferry up's stdout (both on this process's clock), median
//                       of BENCH_MESSAGES (default 20); and from the POST sent
//   transient retry     an order with simulateTransientFailures 1: 202 -> processed on receive 2
//   rebuild             a processor saved -> the reload line (build, swap, refresh), median of 5
//   re-plan             the template saved -> the re-plan line, median of 3
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { ORDER } from './pipeline/load.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const STARTS = Number(process.env.BENCH_STARTS ?? 5);
const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 20);
const COPIED = ['services', 'schemas', 'cloudformation', 'dist', 'scripts', 'package.json', 'tsup.config.ts'];
const PROCESSOR = 'services/consumer/processors/order-created.ts';

const progress = (line: string) => process.stderr.write(`[bench:dev-loop] ${line}\n`);
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const fmt = (xs: number[]) =>
  `${Math.round(median(xs))} ms (min ${Math.round(Math.min(...xs))}, max ${Math.round(Math.max(...xs))}, n=${xs.length})`;

interface Running {
  api: string;
  readyMs: number;
  out(): string;
  /** performance.now() when the consumer's processed line for a correlation id was printed. */
  processedAt(id: string): number | undefined;
  stop(): Promise<void>;
}

async function waitFor<T>(what: string, probe: () => T | undefined, ms = 60_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

async function start(dir: string): Promise<Running> {
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [
      join(ROOT, 'local/bin/ferry.js'),
      ...['up', '--watch', '--memory'],
      ...['--api-port', '0', '--sqs-port', '0', '--console-port', '0'],
    ],
    { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  let partial = '';
  const processed = new Map<string, number>();
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    const printed = performance.now();
    out += chunk;
    const lines = (partial + chunk).split('\n');
    partial = lines.pop()!;
    for (const line of lines) {
      if (!line.includes('"outcome":"processed"')) continue;
      const id = /"correlationId":"([^"]+)"/.exec(line)?.[1];
      if (id !== undefined) processed.set(id, printed);
    }
  });
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const api = await waitFor('the ready text', () =>
    out.includes('Outputs:') ? /^ {2}API \([^)]+\) +(\S+)$/m.exec(out)?.[1] : undefined,
  );
  return {
    api,
    readyMs: performance.now() - started,
    out: () => out,
    processedAt: (id) => processed.get(id),
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

interface Latency {
  /** The 202's arrival -> the processed line printed, ms. */
  from202: number;
  /** The POST sent -> the processed line printed, ms. */
  fromPost: number;
}

/** One message through the pipeline, timed on this process's clock. */
async function oneMessage(up: Running, id: string, order: object = ORDER): Promise<Latency> {
  const sent = performance.now();
  const res = await fetch(`${up.api}/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-correlation-id': id },
    body: JSON.stringify(order),
  });
  const answered = performance.now();
  await res.arrayBuffer();
  if (res.status !== 202) throw new Error(`POST answered ${res.status}`);
  const printed = await waitFor(`${id} processed`, () => up.processedAt(id));
  return { from202: printed - answered, fromPost: printed - sent };
}

/** Saves `file` through `edit`; answers ms from the save to the line `done` matches (and its figure). */
async function edit(
  up: Running,
  file: string,
  change: (text: string) => string,
  done: RegExp,
): Promise<number> {
  const seen = up.out().length;
  const saved = performance.now();
  writeFileSync(file, change(readFileSync(file, 'utf8')));
  await waitFor('the reload line', () => (done.test(up.out().slice(seen)) ? true : undefined));
  return performance.now() - saved;
}

const dir = mkdtempSync(join(tmpdir(), 'ferry-dev-loop-'));
try {
  for (const entry of COPIED) cpSync(join(ROOT, entry), join(dir, entry), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  const cpu = cpus();
  progress(`machine: ${cpu[0]?.model}, ${cpu.length} cores, Node ${process.version}`);
  const ready: number[] = [];
  for (let i = 0; i < STARTS; i++) {
    const up = await start(dir);
    ready.push(up.readyMs);
    progress(`start ${i + 1}/${STARTS}: ready in ${Math.round(up.readyMs)} ms`);
    await up.stop();
  }
  const up = await start(dir);
  const latencies: Latency[] = [];
  for (let i = 0; i < MESSAGES; i++) latencies.push(await oneMessage(up, `loop-${i}`));
  progress(`202 -> processed: ${latencies.map((l) => Math.round(l.from202)).join(', ')} ms`);
  const { from202: transient } = await oneMessage(up, 'loop-retry', {
    ...ORDER,
    data: { ...ORDER.data, simulateTransientFailures: 1 },
  });
  progress(`transient failure, then processed: ${Math.round(transient)} ms`);
  const rebuilds: number[] = [];
  for (let i = 0; i < 5; i++) {
    const ms = await edit(up, join(dir, PROCESSOR), (t) => `${t}\n// edit ${i}\n`, /rebuilt in \d+ ms/);
    rebuilds.push(ms);
    progress(`rebuild ${i + 1}/5: ${Math.round(ms)} ms`);
  }
  const replans: number[] = [];
  const template = join(dir, 'cloudformation/template.yaml');
  for (let i = 0; i < 3; i++) {
    const ms = await edit(
      up,
      template,
      (t) => t.replace(/(MaxReceiveCount:\n {4}Type: Number\n {4}Default: )\d+/, `$1${4 + (i % 2)}`),
      /re-planned in \d+ ms/,
    );
    replans.push(ms);
    progress(`re-plan ${i + 1}/3: ${Math.round(ms)} ms`);
  }
  await up.stop();
  const rows: [string, string][] = [
    ['ready (spawn -> ready text, built)', fmt(ready)],
    ["202 -> processed line printed (README's curl)", fmt(latencies.map((l) => l.from202))],
    ['POST sent -> processed line printed', fmt(latencies.map((l) => l.fromPost))],
    ['transient failure -> processed on receive 2', `${Math.round(transient)} ms`],
    ['processor saved -> reload line (build, swap)', fmt(rebuilds)],
    ['template saved -> re-plan line', fmt(replans)],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  const valueWidth = Math.max(...rows.map(([, v]) => v.length));
  process.stdout.write(
    [
      `machine: ${cpu[0]?.model}, ${cpu.length} cores, Node ${process.version}, load average at end ${loadavg()
        .map((n) => n.toFixed(2))
        .join(' ')}`,
      'npm start as a user runs it: ferry up --watch, the local profile, in memory',
      '',
      `| ${'figure'.padEnd(width)} | ${'median'.padEnd(valueWidth)} |`,
      `| ${'-'.repeat(width)} | ${'-'.repeat(valueWidth)} |`,
      ...rows.map(([k, v]) => `| ${k.padEnd(width)} | ${v.padEnd(valueWidth)} |`),
      '',
    ].join('\n'),
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
