// A timed window of concurrent loops: every worker repeats `op` until the window closes; the
// window ends when the last call in flight has answered, and its wall time includes that wait.

export interface Window {
  /** Operations per second over the measured window. */
  rate: number;
  /** Server CPU seconds per second of wall time in the window (1.0 = one core busy). */
  serverCpu: number;
  /** Server CPU microseconds per operation: less sensitive than `rate` to other load on the box. */
  serverCpuMicros: number;
  /** The load generator's (this process's) CPU seconds per second of wall time. */
  clientCpu: number;
  errors: number;
  p50ms?: number;
  p99ms?: number;
  firstError?: string;
}

/** One call of a worker: how many operations it completed and how many failed. */
export type Op = () => Promise<{ done: number; failed: number }>;

export interface LoopResult {
  done: number;
  failed: number;
  firstError: string | undefined;
  wall: number;
}

export async function loopWindow(op: Op, workers: number, seconds: number): Promise<LoopResult> {
  const t0 = performance.now();
  const until = t0 + seconds * 1000;
  let done = 0;
  let failed = 0;
  let firstError: string | undefined;
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (performance.now() < until) {
        try {
          const r = await op();
          done += r.done;
          failed += r.failed;
        } catch (error) {
          failed++;
          firstError ??= (error as Error).message;
        }
      }
    }),
  );
  return { done, failed, firstError, wall: (performance.now() - t0) / 1000 };
}

/** The CPU clocks a window reads before it starts. */
export interface CpuMark {
  server: number;
  client: NodeJS.CpuUsage;
}

export function cpuMark(serverCpuSeconds: () => number): CpuMark {
  return { server: serverCpuSeconds(), client: process.cpuUsage() };
}

/** A window's figures from its count and the CPU used by the server and this process during it. */
export function toWindow(r: LoopResult, before: CpuMark, serverCpuAfter: number): Window {
  const cpu = serverCpuAfter - before.server;
  const client = process.cpuUsage(before.client);
  const w: Window = {
    rate: r.done / r.wall,
    serverCpu: cpu / r.wall,
    serverCpuMicros: r.done > 0 ? (cpu / r.done) * 1e6 : Number.NaN,
    clientCpu: (client.user + client.system) / 1e6 / r.wall,
    errors: r.failed,
  };
  if (r.firstError !== undefined) w.firstError = r.firstError;
  return w;
}

export function describe(label: string, unit: string, i: number, runs: number, w: Window): string {
  const latency = w.p99ms === undefined ? '' : `, p99 ${w.p99ms} ms`;
  const first = w.firstError === undefined ? '' : ` (first: ${w.firstError.slice(0, 200)})`;
  return (
    `  ${label} run ${i + 1}/${runs}: ${Math.round(w.rate)} ${unit}${latency}, ` +
    `server CPU ${w.serverCpu.toFixed(2)} (${w.serverCpuMicros.toFixed(1)} µs/op), ` +
    `load generator CPU ${w.clientCpu.toFixed(2)}, errors ${w.errors}${first}`
  );
}
