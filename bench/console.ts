// npm run bench:console: the console's first load (bytes transferred, time to every widget drawn,
// Debian chromium with an empty cache), and what logs, metrics and an open console cost the
// pipeline: saturated single POSTs through the whole template with (a) no log or metric capture,
// (b) the log store and metrics fed from every line and request, (c) as (b) with the console open
// in chromium (the dashboard refreshing and a live tail of the consumer). Progress on stderr, the
// table on stdout. A benchmark, never a test.
//
// Knobs (environment): BENCH_RUNS (default 3), BENCH_SECONDS (window, default 5),
// BENCH_CONNECTIONS (default 32), BENCH_LOADS (first loads, default 5).
import { spawn } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { readDashboard } from '../local/console/dashboard.js';
import { loadTemplate } from '../local/template/index.js';
import { launchChromium } from '../test/helpers/console/browser.js';
import { captureMicrosPerMessage } from './console/capture.js';
import { firstLoads } from './console/first-load.js';
import { ORDER, saturate } from './pipeline/load.js';

const runs = Number(process.env.BENCH_RUNS ?? 3);
const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 32);
const loads = Number(process.env.BENCH_LOADS ?? 5);
const progress = (line: string) => process.stderr.write(`[bench:console] ${line}\n`);
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

interface Child {
  api: string;
  console: string;
  processed(): number;
  stop(): Promise<void>;
}

async function serve(args: string[]): Promise<Child> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/console/serve.ts', ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  });
  let processed = 0;
  let partial = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ready = new Promise<{ api: string; console: string }>((resolve, reject) => {
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      const lines = (partial + chunk).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) {
        if (line.startsWith('{')) resolve(JSON.parse(line) as { api: string; console: string });
        else if (line.startsWith('processed ')) processed = Number(line.slice(10));
      }
    });
    void exited.then(() => reject(new Error('bench/console/serve.ts exited before it was ready')));
  });
  const urls = await ready;
  return {
    ...urls,
    processed: () => processed,
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

const VARIANTS = [
  { name: 'no log or metric capture', args: [] as string[], open: [] as string[] },
  { name: 'logs + metrics captured', args: ['--capture'], open: [] },
  { name: 'logs + metrics, dashboard open', args: ['--capture', '--console'], open: [''] },
  {
    name: 'logs + metrics, dashboard + live tail open',
    args: ['--capture', '--console'],
    open: ['', '#logs'],
  },
];

const cpu = cpus();
const machine = `${cpu[0]?.model}, ${cpu.length} cores, Node ${process.version}, ${process.platform}/${process.arch}`;
const load = () =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');
const startLoad = load();
progress(`machine: ${machine}; load average ${startLoad}`);
const model = await loadTemplate('cloudformation/template.yaml');
const body = model.resources.find((r) => r.type === 'AWS::CloudWatch::Dashboard')?.properties.DashboardBody;
const widgets = readDashboard((body as string | undefined) ?? '{"widgets":[]}').filter(
  (w) => w.type !== 'text',
).length;

const accepted = new Map<string, number[]>(VARIANTS.map((v) => [v.name, []]));
const processed = new Map<string, number[]>(VARIANTS.map((v) => [v.name, []]));
let loaded: Awaited<ReturnType<typeof firstLoads>> = [];
const single = JSON.stringify(ORDER);
for (let run = 1; run <= runs; run++) {
  for (const v of VARIANTS) {
    const child = await serve(v.args);
    const browser = v.open.length > 0 ? await launchChromium() : undefined;
    try {
      for (const view of v.open) await (await browser!.context.newPage()).goto(`${child.console}${view}`);
      // Warm-up: the function pools grow to their size (cold starts) before the window.
      await saturate(`${child.api}/messages`, single, 1, connections, 3);
      const before = child.processed();
      const s = await saturate(`${child.api}/messages`, single, 1, connections, seconds);
      const done = (child.processed() - before) / ((s.to - s.from) / 1000);
      accepted.get(v.name)!.push(s.acceptedPerSecond);
      processed.get(v.name)!.push(done);
      progress(
        `run ${run}/${runs} ${v.name}: accepted ${s.acceptedPerSecond.toFixed(0)}/s, processed ${done.toFixed(0)}/s (non-2xx ${s.non2xx}, errors ${s.errors})`,
      );
      if (v === VARIANTS[2] && run === runs) {
        await browser?.close();
        progress(`first loads of ${child.console} (${loads}, empty cache)`);
        loaded = await firstLoads(child.console, widgets, loads);
      }
    } finally {
      await browser?.close();
      await child.stop();
    }
  }
}

progress('capture cost: 20,000 messages of recorded lines into the log store and metrics');
const micros = median([1, 2, 3].map(() => captureMicrosPerMessage(20_000)));
const base = median(processed.get(VARIANTS[0]!.name)!);
const rows = VARIANTS.map((v) => {
  const xs = processed.get(v.name)!;
  const p = median(xs);
  const cost = ((base - p) / base) * 100;
  const spread = `${Math.min(...xs).toFixed(0)}-${Math.max(...xs).toFixed(0)}`;
  return `| ${v.name} | ${median(accepted.get(v.name)!).toFixed(0)} | ${p.toFixed(0)} (${spread}) | ${v === VARIANTS[0] ? '-' : `${cost.toFixed(1)}%`} |`;
});
const cost = ((base - median(processed.get(VARIANTS[1]!.name)!)) / base) * 100;
const m = (f: (l: (typeof loaded)[number]) => number) => median(loaded.map(f));
console.log(`machine: ${machine}`);
console.log(`load average at start ${startLoad}, at end ${load()} (other work on the machine shows here)`);
console.log(`${runs} runs of ${seconds} s, ${connections} connections, single POST /messages; medians\n`);
console.log('| pipeline | accepted msgs/s | processed msgs/s (min-max) | cost vs no capture |');
console.log('|---|---|---|---|');
console.log(rows.join('\n'));
// At the rate measured without capture, the share of one core that capture would take.
const share = ((micros * base) / 1e6) * 100;
console.log(
  `\ncapture CPU: ${micros.toFixed(1)} µs per message (8 lines: log store + EMF), ${share.toFixed(2)}% of one core at ${base.toFixed(0)} msgs/s`,
);
console.log(
  `target: logging + metrics cost <= 10% of throughput: ${share <= 10 ? 'met' : 'missed'} by CPU (${share.toFixed(2)}%; 10% would be reached at ${(1e5 / micros).toFixed(0)} msgs/s per core); throughput difference measured ${cost.toFixed(1)}% (see the spread)\n`,
);
console.log(`| console first load (median of ${loaded.length}, empty cache) | value |`);
console.log('|---|---|');
console.log(
  `| transferred (headers + gzip bodies) | ${(m((l) => l.bytes) / 1024).toFixed(1)} KiB in ${m((l) => l.requests)} requests |`,
);
console.log(`| DOMContentLoaded | ${m((l) => l.domContentLoadedMs).toFixed(0)} ms |`);
console.log(`| load event | ${m((l) => l.loadMs).toFixed(0)} ms |`);
console.log(`| every widget drawn with data | ${m((l) => l.drawnMs).toFixed(0)} ms |`);
