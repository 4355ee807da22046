// `ferry up` as the user runs it: a child process, its stdout read line by line. The bench counts
// the consumer's processed lines (and their time, for latency) and reads the peak RSS from /proc.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FERRY = join(ROOT, 'local/bin/ferry.js');

export interface Up {
  api: string;
  sqs: string;
  /** Milliseconds from spawn to the ready text. */
  readyMs: number;
  /** The runtime's own figure: from startRuntime() to ready. */
  runtimeReadyMs: number;
  processed: number;
  /** Epoch ms of each processed line, by correlation id (only for ids with the given prefix). */
  processedAt: Map<string, number>;
  /** Epoch ms of every processed line, in order. */
  processedTimes: number[];
  peakRssMb(): number;
  /** CPU time the process (every thread) has used so far, in ms. */
  cpuMs(): number;
  stop(): Promise<void>;
}

const PROCESSED = '"outcome":"processed"';

export async function startUp(overrides: string[], trackPrefix = 'lat-'): Promise<Up> {
  const data = mkdtempSync(join(tmpdir(), 'ferry-bench-'));
  const started = performance.now();
  const child: ChildProcess = spawn(
    process.execPath,
    [
      FERRY,
      'up',
      ...['--api-port', '0', '--sqs-port', '0', '--console-port', '0'],
      ...['--data', data],
      // The template's defaults, not the local profile (local.parameters.json): what deploys.
      '--parameters',
      'none',
      '--parameter-overrides',
      ...overrides,
    ],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const up = {
    processed: 0,
    processedAt: new Map<string, number>(),
    processedTimes: [] as number[],
  };
  let head = '';
  let ready: ((text: string) => void) | undefined;
  const readyText = new Promise<string>((resolve) => (ready = resolve));
  let partial = '';
  child.stdout!.setEncoding('utf8');
  child.stdout!.on('data', (chunk: string) => {
    const lines = (partial + chunk).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      if (ready) {
        head += `${line}\n`;
        if (line.startsWith('Outputs:')) {
          ready(head);
          ready = undefined;
        }
        continue;
      }
      if (!line.includes(PROCESSED)) continue;
      up.processed++;
      const time = Date.parse(/"time":"([^"]+)"/.exec(line)?.[1] ?? '');
      up.processedTimes.push(time);
      const id = /"correlationId":"([^"]+)"/.exec(line)?.[1];
      if (id?.startsWith(trackPrefix)) up.processedAt.set(id, time);
    }
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const text = await Promise.race([
    readyText,
    exited.then(() => {
      throw new Error(`ferry up exited before it was ready: ${head}${stderr}`);
    }),
  ]);
  const readyMs = performance.now() - started;
  const api = /^ {2}API \([^)]+\) +(\S+)$/m.exec(text)?.[1] ?? '';
  const sqs = /^ {2}SQS +(\S+)$/m.exec(text)?.[1] ?? '';
  const runtimeReadyMs = Number(/ready in (\d+) ms/.exec(text)?.[1] ?? NaN);
  return Object.assign(up, {
    api,
    sqs,
    readyMs,
    runtimeReadyMs,
    peakRssMb: () => {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
    },
    cpuMs: () => {
      // Fields 14 and 15 of /proc/<pid>/stat: user and system time in clock ticks (100 per second).
      const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      return (Number(fields[11]) + Number(fields[12])) * 10;
    },
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
      rmSync(data, { recursive: true, force: true });
    },
  });
}
