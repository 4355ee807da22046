// The event source mappings in a thread of their own. Their pollers and SDK client (a
// ReceiveMessage or DeleteMessageBatch costs about 1 ms of CPU in the SDK) run off the runtime's
// main thread, which serves the gateway, the SQS endpoint and the log lines. Invocations come back
// here: the functions' environments belong to the main thread.
import { Worker } from 'node:worker_threads';
import { checkMappingConfig, type MappingConfig } from './settings.js';
import type { InvokeOutcome } from '../lambda/index.js';
import type { BatchReport, SqsEvent } from './types.js';
import type { FromThread, ToThread, ThreadData } from './thread-protocol.js';

export interface ThreadedMapping extends MappingConfig {
  invoke: (event: SqsEvent) => Promise<InvokeOutcome>;
  onBatch?: (report: BatchReport) => void;
  onError?: (error: unknown, action: string) => void;
}

export interface MappingThreadOptions {
  /** The SQS endpoint the pollers call, with the credentials they sign with. */
  endpoint: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  mappings: ThreadedMapping[];
  /** A thread that died is started again after this long (default 1 s). */
  restartMs?: number;
  /** Called when the thread itself fails (it is then restarted). */
  onThreadError?: (error: unknown) => void;
}

export interface MappingThread {
  /** Stops polling, waits for the invocations in flight and their deletes, ends the thread. */
  stop(): Promise<void>;
  /**
   * Ends the thread at once, as a crash would: it is started again after `restartMs`, and what it
   * had received comes back after its visibility timeout. For tests of that path.
   */
  terminate(): Promise<void>;
}

const ENTRY = new URL('./thread-entry.mjs', import.meta.url);

export interface MappingThreadLauncher {
  /** Checks every mapping's options (a bad one throws, naming it), then starts the pollers. */
  start(options: MappingThreadOptions): Promise<MappingThread>;
  /** Ends the thread, started or not (as MappingThread.stop does once started). */
  cancel(): Promise<void>;
}

/**
 * Spawns the thread at once: it loads the SDK and the mapping code while the runtime starts its
 * other parts, and waits for `start`.
 */
export function launchMappingThread(): MappingThreadLauncher {
  return new Launcher();
}

/** A thread as spawned: `loaded` once its code is loaded, `ready` once its pollers started. */
interface Spawned {
  worker: Worker;
  loaded: Promise<void>;
  ready: Promise<void>;
}

class Launcher implements MappingThreadLauncher {
  private stopping = false;
  private options: MappingThreadOptions | undefined;
  private current = this.spawn();

  async start(options: MappingThreadOptions): Promise<MappingThread> {
    for (const m of options.mappings) checkMappingConfig(m);
    this.options = options;
    await this.current.loaded;
    send(this.current.worker, options);
    await this.current.ready;
    return {
      stop: () => this.end(),
      terminate: async () => {
        await this.current.worker.terminate();
      },
    };
  }

  cancel(): Promise<void> {
    return this.end();
  }

  private spawn(): Spawned {
    // No execArgv of the runtime's own (profilers, loaders): thread-entry.mjs loads TypeScript itself.
    const worker = new Worker(ENTRY, { execArgv: [] });
    const loaded = deferred();
    const ready = deferred();
    const failed = (error: unknown) => {
      loaded.reject(error);
      ready.reject(error);
    };
    worker.on('message', (message: FromThread) => {
      if (message.type === 'loaded') loaded.resolve();
      else if (message.type === 'ready') ready.resolve();
      else this.onMessage(worker, message);
    });
    worker.on('error', (error) => {
      failed(error);
      this.options?.onThreadError?.(error);
    });
    worker.on('exit', (code) => {
      failed(new Error(`the mappings' thread exited with code ${code}`));
      this.onExit(worker, code);
    });
    return { worker, loaded: loaded.promise, ready: ready.promise };
  }

  /** A thread that died unasked is started again after `restartMs`. */
  private onExit(worker: Worker, code: number): void {
    const options = this.options;
    if (this.stopping || worker !== this.current.worker || options === undefined) return;
    options.onThreadError?.(new Error(`the mappings' thread exited with code ${code}; restarting it`));
    // Whatever it had received comes back to the queue after its visibility timeout.
    setTimeout(() => {
      if (this.stopping || this.options === undefined) return;
      this.current = this.spawn();
      send(this.current.worker, this.options);
      this.current.ready.catch((error: unknown) => this.options?.onThreadError?.(error));
    }, options.restartMs ?? 1000).unref();
  }

  private onMessage(worker: Worker, message: Exclude<FromThread, { type: 'loaded' | 'ready' }>): void {
    const mapping = this.options!.mappings[message.mapping]!;
    switch (message.type) {
      case 'invoke':
        // A rejection crosses as its message; the mapping turns it into the batch's failure.
        mapping.invoke(message.event).then(
          (outcome) => reply(worker, { type: 'result', id: message.id, outcome }),
          (error: unknown) =>
            reply(worker, {
              type: 'result',
              id: message.id,
              error: error instanceof Error ? error.message : String(error),
            }),
        );
        break;
      case 'batch':
        mapping.onBatch?.(message.report);
        break;
      case 'error':
        mapping.onError?.(
          Object.assign(new Error(message.error.message), { name: message.error.name }),
          message.action,
        );
        break;
    }
  }

  private async end(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    const { worker } = this.current;
    if (worker.threadId === -1) return; // it died and had not been restarted yet
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    worker.postMessage({ type: 'stop' } satisfies ToThread);
    await exited;
  }
}

/** Spawns the thread and starts its pollers: launchMappingThread().start(options). */
export async function startMappingThread(options: MappingThreadOptions): Promise<MappingThread> {
  const launcher = launchMappingThread();
  try {
    return await launcher.start(options);
  } catch (error) {
    await launcher.cancel();
    throw error;
  }
}

function send(worker: Worker, o: MappingThreadOptions): void {
  const data: ThreadData = {
    endpoint: o.endpoint,
    region: o.region,
    credentials: o.credentials,
    mappings: o.mappings.map(configOf),
  };
  worker.postMessage({ type: 'start', data } satisfies ToThread);
}

function reply(worker: Worker, message: ToThread): void {
  // A thread that died meanwhile takes nothing; its records come back after their visibility timeout.
  worker.postMessage(message);
}

/** The options that cross into the thread: everything but the callbacks. */
function configOf(m: ThreadedMapping): MappingConfig {
  const { invoke: _invoke, onBatch: _onBatch, onError: _onError, ...config } = m;
  return config;
}

/** A promise with its settlers; never an unhandled rejection (a thread may fail before anyone waits). */
function deferred(): { promise: Promise<void>; resolve: () => void; reject: (error: unknown) => void } {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  promise.catch(() => {});
  return { promise, resolve, reject };
}
