// After a hostile request: do all three of `ferry up`'s ports still answer, in time, as they should?
// And how much memory does the child hold (Linux's /proc, the child's own resident set)?
import { readFileSync } from 'node:fs';
import { ListQueuesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { FREE_PORTS, spawnUp, type UpProcess } from '../cli/ferry.js';
import { ROOT } from '../runtime/runtime.js';
import { send } from '../fuzz/http.js';

export interface Liveness {
  exited: boolean;
  api: number | string;
  endpoint: number | string;
  console: number | string;
}

/** The console's URL, from what `ferry up` printed. */
export function consoleUrl(up: UpProcess): string {
  return /^ {2}console +(\S+)$/m.exec(up.stdout())![1]!.replace(/\/$/, '');
}

/**
 * API GET /types, the endpoint's ListQueues through the real SDK, console GET /: each status, or
 * why there was none within `boundMs`. All three 200 and the process running is a runtime alive.
 */
export async function liveness(up: UpProcess, boundMs = 5_000): Promise<Liveness> {
  const sqs = new SQSClient({
    endpoint: up.sqs,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'test' },
    maxAttempts: 1,
  });
  const status = (p: Promise<number>) => p.catch((error: unknown) => (error as Error).message.slice(0, 200));
  const get = (base: string, path: string) =>
    send(base.replace(/\/$/, ''), { method: 'GET', path, headers: {}, body: '' }, boundMs).then(
      (a) => a.status,
    );
  try {
    const [api, endpoint, console] = await Promise.all([
      status(get(up.api, '/types')),
      status(
        sqs
          .send(new ListQueuesCommand({}), { abortSignal: AbortSignal.timeout(boundMs) })
          .then((out) => out.$metadata.httpStatusCode ?? 0),
      ),
      status(get(consoleUrl(up), '/')),
    ]);
    return { exited: up.child.exitCode !== null || up.child.signalCode !== null, api, endpoint, console };
  } finally {
    sqs.destroy();
  }
}

export const ALIVE: Liveness = { exited: false, api: 200, endpoint: 200, console: 200 };

/** The child's resident set now and at its peak, in MB (Linux only). */
export function memoryMb(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

/** `ferry up` of test/fixtures/cli/hostile.yaml (functions that misbehave on request), in memory. */
export async function spawnHostile(): Promise<{
  up: UpProcess;
  console: string;
  hostile: (body: unknown) => Promise<Response>;
}> {
  const template = `${ROOT}test/fixtures/cli/hostile.yaml`;
  const up = await spawnUp([...FREE_PORTS, '--memory', '--parameters', 'none', '--template', template]);
  const hostile = (body: unknown) =>
    fetch(`${up.api}/hostile`, { method: 'POST', body: JSON.stringify(body) });
  return { up, console: /^ {2}console +(\S+)$/m.exec(up.stdout())![1]!, hostile };
}
