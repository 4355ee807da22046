// A runtime on a worker thread of its own, for the fuzz test: a request that pins its event loop
// (a backtracking regex) or takes its heap down (an unbounded result) wedges or ends that thread
// only, so the test's own timers still fire and it reports the request instead of hanging with it.
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { CreateQueueCommand } from '@aws-sdk/client-sqs';
import type { Runtime } from '../../../local/runtime/index.js';
import { startTestRuntime, TEMPLATE } from '../runtime/runtime.js';
import { BACKTRACKING_LINE, FUZZ_QUEUES } from './aws.js';

type Endpoints = Runtime['endpoints'];

export interface WorkerRuntime {
  endpoints: Endpoints;
  /** Why the thread ended (an error, an exit code), or undefined while it runs. */
  ended(): string | undefined;
  stop(): Promise<void>;
}

/** Starts the real template's runtime, in memory on free ports, on its own thread with a bounded heap. */
export function startWorkerRuntime(heapMb = 1024): Promise<WorkerRuntime> {
  // The thread loads this file through tsx's API: a preload (--import tsx) does not reach a worker's
  // own entry file on every Node.js version.
  const boot = [
    `const { register } = await import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))});`,
    'register();',
    `await import(${JSON.stringify(import.meta.url)});`,
  ].join('\n');
  const worker = new Worker(new URL(`data:text/javascript,${encodeURIComponent(boot)}`), {
    workerData: { role: 'fuzz-runtime' },
    resourceLimits: { maxOldGenerationSizeMb: heapMb },
    // The lanes' preloads are for the test's own thread.
    execArgv: [],
  });
  let ended: string | undefined;
  worker.on('error', (error) => (ended ??= `${error.name}: ${error.message}`));
  worker.on('exit', (code) => (ended ??= `exited ${code}`));
  return new Promise((resolve, reject) => {
    worker.once('message', (endpoints: Endpoints) =>
      resolve({
        endpoints,
        ended: () => ended,
        stop: async () => {
          if (ended !== undefined) return;
          const stopped = new Promise((done) => worker.once('message', done));
          worker.postMessage('stop');
          const bound = new Promise((done) => setTimeout(done, 2_000).unref());
          await Promise.race([stopped, bound]);
          await worker.terminate();
        },
      }),
    );
    worker.once('exit', (code) =>
      reject(new Error(`the runtime's thread exited (${code}) before it was ready: ${ended ?? ''}`)),
    );
  });
}

async function serve(): Promise<void> {
  const t = await startTestRuntime(TEMPLATE, ['MaximumBatchingWindowInSeconds=0']);
  for (const QueueName of FUZZ_QUEUES)
    await t.sqs.send(
      new CreateQueueCommand({
        QueueName,
        Attributes: QueueName.endsWith('.fifo') ? { FifoQueue: 'true' } : {},
      }),
    );
  // Lines for the filter patterns to meet, among them one that a backtracking regex chokes on.
  const lines = [BACKTRACKING_LINE, '{"level":"error","n":2}', 'x'.repeat(10_000)];
  for (const group of ['/aws/lambda/ferry-producer', 'fuzz-group'])
    t.runtime.logs.append(
      group,
      'fuzz-stream',
      lines.map((message) => ({ message, timestamp: Date.now() })),
    );
  parentPort!.on('message', () => {
    void t.stop().then(() => parentPort!.postMessage('stopped'));
  });
  parentPort!.postMessage(t.runtime.endpoints);
}

if (!isMainThread && (workerData as { role?: string } | null)?.role === 'fuzz-runtime') await serve();
