// npm run bench:pipeline: the whole template under `ferry up` (a child process, durable store in a
// temp dir), driven over HTTP. Prints progress on stderr and the table on stdout. A benchmark,
// never a test. Template defaults throughout, except the stage throttling (default 100 requests/s,
// which would be the figure measured) raised to 1,000,000.
//
// Knobs (environment): BENCH_RUNS (default 3), BENCH_SECONDS (saturation window, default 5),
// BENCH_CONNECTIONS (autocannon, default 32), BENCH_RATE (offered load, default 500 msgs/s),
// BENCH_WARMUP (seconds of load before each saturation window and the ceiling's, default 10),
// BENCH_LATENCY_SECONDS (default 10), BENCH_STARTS (start-up samples, default 5).
import { cpus, loadavg } from 'node:os';
import { DEFAULT_LOCAL_CONCURRENCY } from '../local/runtime/functions.js';
import { sdkCeiling } from './pipeline/ceiling.js';
import { openLoop, ORDER, saturate } from './pipeline/load.js';
import { startUp, type Up } from './pipeline/up.js';

// The SDK's warning about Node.js 20 (this process and the ceiling's threads) is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const runs = Number(process.env.BENCH_RUNS ?? 3);
const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const warmup = Number(process.env.BENCH_WARMUP ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 32);
const rate = Number(process.env.BENCH_RATE ?? 500);
const latencySeconds = Number(process.env.BENCH_LATENCY_SECONDS ?? 10);
const starts = Number(process.env.BENCH_STARTS ?? 5);
const environments = DEFAULT_LOCAL_CONCURRENCY;
const OVERRIDES = ['ApiThrottlingBurstLimit=1000000', 'ApiThrottlingRateLimit=1000000'];

const progress = (line: string) => process.stderr.write(`[bench:pipeline] ${line}\n`);
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? NaN;
};
const load = () =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');

/** Waits until the consumer's processed count has stood still for 1.5 s (the backlog is done). */
async function settled(up: Up, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  let last = -1;
  let since = Date.now();
  while (Date.now() < deadline) {
    if (up.processed !== last) [last, since] = [up.processed, Date.now()];
    else if (Date.now() - since > 1500) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  progress(`  (still processing after ${ms / 1000} s)`);
}

const inWindow = (times: number[], from: number, to: number) =>
  times.filter((t) => t >= from && t <= to).length;

async function saturation(up: Up, path: string, body: string, perRequest: number) {
  // Warm-up: environments started and their code compiled (the first seconds run well below the rate).
  await saturate(`${up.api}${path}`, body, perRequest, connections, warmup);
  await settled(up);
  const before = up.processedTimes.length;
  const cpuBefore = up.cpuMs();
  const s = await saturate(`${up.api}${path}`, body, perRequest, connections, seconds);
  const processedPerSecond =
    inWindow(up.processedTimes.slice(before), s.from, s.to) / ((s.to - s.from) / 1000);
  // CPU the runtime spent per message, backlog included: a figure the machine's other load barely moves.
  await settled(up);
  const cpuPerMessage = (up.cpuMs() - cpuBefore) / (up.processedTimes.length - before);
  return {
    ...s,
    processedPerSecond,
    cpuPerMessage,
    endToEnd: Math.min(s.acceptedPerSecond, processedPerSecond),
  };
}

const cpu = cpus();
progress(`machine: ${cpu[0]?.model}, ${cpu.length} cores, Node ${process.version}; load average ${load()}`);

const startup: { spawn: number[]; runtime: number[] } = { spawn: [], runtime: [] };
for (let i = 0; i < starts; i++) {
  const up = await startUp(OVERRIDES);
  startup.spawn.push(up.readyMs);
  startup.runtime.push(up.runtimeReadyMs);
  progress(
    `start-up ${i + 1}/${starts}: ${up.readyMs.toFixed(0)} ms from spawn (runtime: ${up.runtimeReadyMs} ms)`,
  );
  await up.stop();
}

const figures = {
  ceiling: [] as number[],
  single: [] as number[],
  singleAccepted: [] as number[],
  batch: [] as number[],
  batchAccepted: [] as number[],
  singleCpu: [] as number[],
  batchCpu: [] as number[],
  p50: [] as number[],
  p95: [] as number[],
  p99: [] as number[],
  rss: [] as number[],
};
const single = JSON.stringify(ORDER);
const batch = JSON.stringify({ messages: Array.from({ length: 10 }, () => ORDER) });
for (let run = 1; run <= runs; run++) {
  const up = await startUp(OVERRIDES);
  try {
    progress(
      `run ${run}/${runs}: SDK ceiling, ${environments} environments, ${warmup} s warm-up + ${seconds} s (load ${load()})`,
    );
    figures.ceiling.push(await sdkCeiling(up.sqs, environments, seconds, single, warmup));
    progress(`  ${figures.ceiling.at(-1)!.toFixed(0)} SendMessage/s`);

    progress(`run ${run}/${runs}: single POSTs, ${connections} connections, ${seconds} s`);
    const s = await saturation(up, '/messages', single, 1);
    figures.single.push(s.endToEnd);
    figures.singleCpu.push(s.cpuPerMessage);
    figures.singleAccepted.push(s.acceptedPerSecond);
    progress(
      `  accepted ${s.acceptedPerSecond.toFixed(0)}/s, processed ${s.processedPerSecond.toFixed(0)}/s, ${s.cpuPerMessage.toFixed(2)} CPU ms/msg (non-2xx ${s.non2xx}, errors ${s.errors})`,
    );

    progress(`run ${run}/${runs}: batch POSTs of 10, ${connections} connections, ${seconds} s`);
    const b = await saturation(up, '/messages/batch', batch, 10);
    figures.batch.push(b.endToEnd);
    figures.batchCpu.push(b.cpuPerMessage);
    figures.batchAccepted.push(b.acceptedPerSecond);
    progress(
      `  accepted ${b.acceptedPerSecond.toFixed(0)}/s, processed ${b.processedPerSecond.toFixed(0)}/s, ${b.cpuPerMessage.toFixed(2)} CPU ms/msg (non-2xx ${b.non2xx}, errors ${b.errors})`,
    );

    progress(`run ${run}/${runs}: waiting for the backlog to drain`);
    await settled(up);

    progress(`run ${run}/${runs}: ${rate} msgs/s offered for ${latencySeconds} s, latency POST -> processed`);
    const o = await openLoop(`${up.api}/messages`, rate, latencySeconds, `lat-${run}-`);
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline && [...o.sentAt.keys()].some((id) => !up.processedAt.has(id)))
      await new Promise((r) => setTimeout(r, 100));
    // Steady state: the first and last second left out (environments warming; a partial last batch
    // that the 10 s batching window holds once the load stops).
    const first = Math.min(...o.sentAt.values());
    const latencies: number[] = [];
    let missing = 0;
    for (const [id, sent] of o.sentAt) {
      if (sent < first + 1000 || sent > first + (latencySeconds - 1) * 1000) continue;
      const done = up.processedAt.get(id);
      if (done === undefined) missing++;
      else latencies.push(done - sent);
    }
    figures.p50.push(percentile(latencies, 50));
    figures.p95.push(percentile(latencies, 95));
    figures.p99.push(percentile(latencies, 99));
    progress(
      `  p50 ${figures.p50.at(-1)} ms, p95 ${figures.p95.at(-1)} ms, p99 ${figures.p99.at(-1)} ms over ${latencies.length} messages (accepted ${o.accepted}, failed ${o.failed}, unprocessed ${missing})`,
    );
    figures.rss.push(up.peakRssMb());
  } finally {
    await up.stop();
  }
}

const m = (xs: number[]) => median(xs);
const ceiling = m(figures.ceiling);
const rows: [string, string, string, string][] = [
  [
    'ready (spawn -> ready text)',
    `${m(startup.spawn).toFixed(0)} ms`,
    '<= 1000 ms',
    m(startup.spawn) <= 1000 ? 'met' : 'missed',
  ],
  ['ready (inside the runtime)', `${m(startup.runtime).toFixed(0)} ms`, '', ''],
  [`SDK ceiling: SendMessage/s, ${environments} environments`, `${ceiling.toFixed(0)}/s`, '', ''],
  [
    'single POSTs: msgs/s accepted and processed',
    `${m(figures.single).toFixed(0)}/s (${((m(figures.single) / ceiling) * 100).toFixed(0)}% of ceiling)`,
    '>= 70% of ceiling',
    m(figures.single) >= 0.7 * ceiling ? 'met' : 'missed',
  ],
  [
    'batch POSTs of 10: msgs/s accepted and processed',
    `${m(figures.batch).toFixed(0)}/s`,
    '>= 5000/s',
    m(figures.batch) >= 5000 ? 'met' : 'missed',
  ],
  [`latency POST -> processed at ${rate} msgs/s: p50`, `${m(figures.p50)} ms`, '', ''],
  ['  p95', `${m(figures.p95)} ms`, '', ''],
  ['  p99', `${m(figures.p99)} ms`, '< 100 ms', m(figures.p99) < 100 ? 'met' : 'missed'],
  [
    'single POSTs: CPU ms per message (ferry up, all threads)',
    `${m(figures.singleCpu).toFixed(2)} ms (${((cpu.length * 1000) / m(figures.singleCpu)).toFixed(0)}/s on ${cpu.length} idle cores)`,
    '',
    '',
  ],
  [
    'batch POSTs: CPU ms per message (ferry up, all threads)',
    `${m(figures.batchCpu).toFixed(2)} ms (${((cpu.length * 1000) / m(figures.batchCpu)).toFixed(0)}/s on ${cpu.length} idle cores)`,
    '',
    '',
  ],
  ['peak memory (RSS of ferry up)', `${m(figures.rss).toFixed(0)} MB`, '', ''],
];
const w = [0, 1, 2, 3].map((i) =>
  Math.max(...rows.map((r) => r[i]!.length), ['figure', 'median', 'target', ''][i]!.length),
);
const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(w[i]!)).join(' | ')} |`;
process.stdout.write(
  [
    `machine: ${cpu[0]?.model}, ${cpu.length} cores, Node ${process.version}, ${process.platform}/${process.arch}; load average at end ${load()}`,
    `medians over ${runs} runs (start-up: ${starts}); windows of ${seconds} s after ${warmup} s of warm-up, ${connections} connections; template defaults, stage throttling raised`,
    '',
    line(['figure', 'median', 'target', '']),
    line(w.map((n) => '-'.repeat(n))),
    ...rows.map(line),
    '',
  ].join('\n'),
);
process.exit(0);
