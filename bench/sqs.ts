// npm run bench:sqs: ferry's SQS server (durable and in memory) beside local-aws-sqs and
// moto_server, each in its own child process, same run, same machine. Prints progress on stderr,
// the table on stdout, and writes the raw windows to bench/results/. A benchmark, never a test.
//
// Knobs (environment): BENCH_TARGETS (comma list), BENCH_SECONDS (window, default 5),
// BENCH_RUNS (windows per figure, default 3), BENCH_WORKERS (round-trip workers, default 32),
// BENCH_PHASES (comma list of raw, roundtrip, sdk; default all).
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { rawSendMessage } from './sqs/raw.js';
import type { TargetResult } from './sqs/report.js';
import { table, verdicts } from './sqs/report.js';
import { sdkRoundTrip, undiciRoundTrip } from './sqs/roundtrip.js';
import type { TargetName } from './sqs/servers.js';
import { TARGETS, startServer } from './sqs/servers.js';

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const runs = Number(process.env.BENCH_RUNS ?? 3);
const workers = Number(process.env.BENCH_WORKERS ?? 32);
const phases = new Set(
  process.env.BENCH_PHASES?.split(',').map((s) => s.trim()) ?? ['raw', 'roundtrip', 'sdk'],
);
const targets = (process.env.BENCH_TARGETS?.split(',').map((s) => s.trim()) ?? TARGETS) as TargetName[];
for (const t of targets) {
  if (!TARGETS.includes(t))
    throw new Error(`BENCH_TARGETS: unknown target "${t}"; known: ${TARGETS.join(', ')}`);
}

const progress = (line: string) => process.stderr.write(`${line}\n`);
const load = () =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');
const cpu = cpus();
const machine = {
  cpu: cpu[0]?.model ?? 'unknown CPU',
  cores: cpu.length,
  memoryGiB: Math.round(totalmem() / 2 ** 30),
  node: process.version,
  platform: `${process.platform}/${process.arch}`,
  date: new Date().toISOString(),
  loadAverageAtStart: load(),
};
const settings = {
  raw: { connections: 50, warmupSeconds: 2, seconds, runs },
  roundTrip: { workers, warmupSeconds: 3, seconds, runs },
  // moto_server (a threaded Python server) answers fastest with few connections: give it its best.
  motoWorkers: 4,
  // The SDK client costs ~1 ms CPU per call in this process: fewer workers saturate it.
  sdk: { workers: 8, warmupSeconds: 3, seconds: Math.min(seconds, 3), runs },
};

type Phase = 'raw' | 'roundtrip' | 'sdk';

/** One phase against a fresh server: what one phase leaves in a queue must not slow the next. */
async function phase(target: TargetName, name: Phase, result: TargetResult): Promise<void> {
  const server = await startServer(target);
  try {
    progress(`${target} ${name}: ${server.endpoint} (pid ${server.pid}, load average ${load()})`);
    if (name === 'raw') {
      const driver = target === 'moto_server' ? 'undici' : 'autocannon';
      result.raw = await rawSendMessage(server, driver, settings.raw, progress);
    } else if (name === 'roundtrip') {
      const workers = target === 'moto_server' ? settings.motoWorkers : settings.roundTrip.workers;
      result.roundTrip = await undiciRoundTrip(server, { ...settings.roundTrip, workers }, progress);
    } else {
      result.sdk = await sdkRoundTrip(server, settings.sdk, progress);
    }
  } finally {
    await server.stop();
  }
}

const results: TargetResult[] = [];
for (const target of targets) {
  const result: TargetResult = { target, raw: [], roundTrip: [], sdk: [] };
  results.push(result);
  for (const name of ['raw', 'roundtrip', 'sdk'] as const) {
    if (!phases.has(name)) continue;
    try {
      await phase(target, name, result);
    } catch (error) {
      result.error = `${name}: ${(error as Error).message}`;
      progress(`${target} ${name}: failed: ${(error as Error).message}`);
    }
  }
}

const loadAverageAtEnd = load();
console.log(
  `machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}, ${machine.platform}`,
);
console.log(
  `date: ${machine.date}; load average (1/5/15 min) at start ${machine.loadAverageAtStart}, at end ${loadAverageAtEnd}`,
);
const notes = [
  `each server in its own process, started afresh for each of the three measures; every figure is the median of ${runs} windows of ${seconds} s after a warm-up`,
  'raw: JSON SendMessage, one fixed body, 50 keep-alive connections driven by autocannon ' +
    '(moto_server by 50 undici connections: it closes every connection, which autocannon handles badly)',
  `round trip: ${workers} undici workers (moto_server: ${settings.motoWorkers}, its best) looping ` +
    'SendMessageBatch(10) -> ReceiveMessage(10) -> DeleteMessageBatch on one queue; counts messages deleted',
  'SDK reference: the same loop through @aws-sdk/client-sqs, 8 workers; measures the SDK client as much as the server',
  'server µs CPU: CPU time of the server process per request (per message deleted in the round trip), from /proc',
  'progress lines (stderr) also give the CPU cores the server and the load generator kept busy in each window',
];
for (const n of notes) console.log(`- ${n}`);
console.log('');
console.log(table(results));
console.log('');
for (const v of verdicts(results)) console.log(v);

const dir = fileURLToPath(new URL('./results/', import.meta.url));
mkdirSync(dir, { recursive: true });
const file = `${dir}sqs-${machine.date.replace(/[:.]/g, '-')}.json`;
writeFileSync(file, `${JSON.stringify({ machine, loadAverageAtEnd, settings, results }, null, 2)}\n`);
progress(`raw results: ${file}`);
