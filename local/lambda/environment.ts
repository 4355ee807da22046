// One execution environment seen from the runtime: a worker thread running worker.mjs, its
// init, and one invocation at a time. When an invocation ends the environment (timeout, exit,
// crash, out of memory) it reports Lambda's error for it and the pool replaces the environment.
import { performance } from 'node:perf_hooks';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { DEFAULTS } from '../config/index.js';
import { exitError, initTimeoutError, timeoutError, type ExitCause } from './errors.js';
import { initReportLine } from './log-lines.js';
import type { WorkerPauses } from './pauses.js';
import type { LambdaError } from './types.js';

export interface EnvironmentSpec {
  workerData: Record<string, unknown>;
  env: Record<string, string>;
  memorySize: number;
  limitMemory: boolean;
  timeoutMs: number;
  /**
   * How long the init may take, and the phase it runs in: 'init' (Lambda's 10 s) or 'invoke' (a
   * retried init, within the function's timeout of the invocation `requestId`).
   */
  init: { limitMs: number; phase: 'init' | 'invoke'; requestId?: string };
  /** A debugger may pause the thread: the timeout runs only while it is not paused. */
  pauses?: WorkerPauses;
}

/** Lambda's longest timeout: an invocation paused in a debugger still ends after it. */
const MAX_INVOCATION_MS = DEFAULTS.debugCeilingMs;

export type LogLine = [timestamp: number, requestId: string | undefined, text: string, raw: boolean];

export interface RunOutcome {
  ok: boolean;
  payload?: string;
  error?: LambdaError;
  durationMs: number;
  memoryBytes: number;
  /** Set when the invocation ended the environment. */
  ended?: 'timeout' | 'exit';
}

interface Pending {
  requestId: string;
  started: number;
  /** The function's timeout, running; undefined while the debugger holds the thread paused. */
  timer: NodeJS.Timeout | undefined;
  /** Of the timeout, what is left (read when a pause stops the timer). */
  leftMs: number;
  dueAt: number;
  /** When debugging: Lambda's 15 minutes, paused or not. */
  ceiling: NodeJS.Timeout | undefined;
  resolve: (outcome: RunOutcome) => void;
}

/** worker.mjs's value in `ending` when it ended itself for using more than its MemorySize. */
const OUT_OF_MEMORY = -1;

const WORKER = new URL('./worker.mjs', import.meta.url);

export interface InitOutcome {
  initDurationMs: number;
  error?: LambdaError;
  /** The init ran out of time: the environment is gone. */
  timedOut?: boolean;
}

export class Environment {
  readonly ready: Promise<InitOutcome>;
  invocations = 0;
  alive = true;
  private readonly worker: Worker;
  /** Where the worker posts each log line as it is written (see worker.mjs). */
  private readonly logs: MessagePort;
  private pending: Pending | undefined;
  private memoryBytes = 0;
  private timedOut = false;
  private crash: Error | undefined;
  private exitCode = 0;
  private paused = false;
  /**
   * Shared with the thread for context.getRemainingTimeInMillis(): [the invocation's deadline in
   * epoch ms, or NaN while a debugger holds the thread paused; the milliseconds left at the pause].
   * The thread may run again before the runtime hears of it: until then it reads the time left.
   */
  private readonly deadline = new Float64Array(new SharedArrayBuffer(16));
  /** Set by the thread just before it ends itself: why (see worker.mjs and exitError). */
  private readonly ending = new Int32Array(new SharedArrayBuffer(4));
  /** Characters of log the thread posted that the runtime has not read yet (see worker.mjs). */
  private readonly logCredit = new Int32Array(new SharedArrayBuffer(4));
  private readonly unwatch: (() => void) | undefined;

  constructor(
    readonly logStream: string,
    private readonly spec: EnvironmentSpec,
    private readonly onLog: (lines: LogLine[]) => void,
    private readonly onEnd: (env: Environment) => void,
  ) {
    const { port1, port2 } = new MessageChannel();
    this.logs = port1;
    port1.on('message', (line: LogLine) => this.read(line));
    this.worker = new Worker(WORKER, {
      workerData: {
        ...spec.workerData,
        limitMemory: spec.limitMemory,
        logStreamName: logStream,
        logPort: port2,
        deadline: this.deadline,
        ending: this.ending,
        logCredit: this.logCredit,
      },
      transferList: [port2],
      env: spec.env,
      // No loader of the runtime's own (tsx) in the function's thread: it runs as in Lambda.
      execArgv: [],
      // A debugger lists the thread by its function's name.
      name: String(spec.workerData.functionName),
      stdout: true,
      stderr: true,
      resourceLimits: spec.limitMemory ? { maxOldGenerationSizeMb: spec.memorySize } : undefined,
    });
    this.unwatch = spec.pauses?.watch(this.worker.threadId, (paused) => this.pausedChanged(paused));
    // Whatever reaches the thread's own stdout/stderr despite worker.mjs's capture.
    for (const stream of [this.worker.stdout, this.worker.stderr])
      stream.on('data', (chunk: Buffer) =>
        onLog([[Date.now(), this.pending?.requestId, chunk.toString(), true]]),
      );
    this.ready = new Promise((resolve) => {
      const initStart = performance.now();
      // Paused in a debugger, an init may take as long as an invocation may.
      const limitMs = spec.pauses ? MAX_INVOCATION_MS : spec.init.limitMs;
      const onExit = (code: number) => {
        clearTimeout(initTimer);
        resolve({ initDurationMs: 0, error: exitError(undefined, code, this.exitCause()) });
      };
      const initTimer = setTimeout(() => {
        this.worker.off('exit', onExit);
        const initDurationMs = performance.now() - initStart;
        const { phase, requestId } = spec.init;
        this.drainLogs();
        onLog([[Date.now(), requestId, initReportLine(initDurationMs, phase, 'timeout'), false]]);
        resolve({ initDurationMs, error: initTimeoutError(limitMs), timedOut: true });
        void this.terminate();
      }, limitMs);
      this.worker.once('exit', onExit);
      this.worker.on('message', (message: WorkerMessage) => {
        // Every line the worker wrote before this message comes first.
        this.drainLogs();
        if (message.type === 'ready' || message.type === 'init-error') {
          clearTimeout(initTimer);
          this.worker.off('exit', onExit);
          resolve({ initDurationMs: message.initDuration, error: message.error });
          if (message.error) this.end();
        } else if (message.type === 'result') this.settle(message);
      });
    });
    this.worker.on('error', (error) => (this.crash = error)); // the 'exit' that follows reports it
    this.worker.on('exit', (code) => {
      this.drainLogs();
      this.logs.close();
      this.exitCode = code;
      this.unwatch?.();
      const pending = this.pending;
      if (pending && !this.timedOut) {
        this.pending = undefined;
        stopTimers(pending);
        pending.resolve({
          ok: false,
          error: exitError(pending.requestId, code, this.exitCause()),
          durationMs: performance.now() - pending.started,
          memoryBytes: this.memoryBytes,
          ended: 'exit',
        });
      }
      this.end();
    });
  }

  run(requestId: string, event: unknown, deadline: number): Promise<RunOutcome> {
    this.invocations++;
    if (!this.alive)
      return Promise.resolve({
        ok: false,
        error: exitError(requestId, this.exitCode, this.exitCause()),
        durationMs: 0,
        memoryBytes: this.memoryBytes,
        ended: 'exit',
      });
    return new Promise((resolve) => {
      const started = performance.now();
      const { timeoutMs, pauses } = this.spec;
      const ceiling = pauses && setTimeout(() => this.timeout(MAX_INVOCATION_MS), MAX_INVOCATION_MS);
      const pending: Pending = {
        requestId,
        started,
        timer: undefined,
        leftMs: timeoutMs,
        dueAt: 0,
        ceiling,
        resolve,
      };
      this.pending = pending;
      this.deadline.set(this.paused ? [NaN, timeoutMs] : [deadline, 0]);
      if (!this.paused) this.startTimer(pending);
      this.worker.postMessage({ type: 'invoke', requestId, event, deadline });
    });
  }

  async terminate(): Promise<void> {
    this.end();
    const terminated = this.worker.terminate();
    // A thread paused in the debugger cannot be terminated until it runs again.
    this.spec.pauses?.release(this.worker.threadId);
    await terminated;
  }

  private startTimer(pending: Pending): void {
    pending.dueAt = performance.now() + pending.leftMs;
    pending.timer = setTimeout(() => this.timeout(this.spec.timeoutMs), pending.leftMs);
  }

  /** The debugger paused the thread, or let it run: the timeout stops, or goes on where it was. */
  private pausedChanged(paused: boolean): void {
    this.paused = paused;
    const pending = this.pending;
    if (pending === undefined) return;
    if (paused && pending.timer !== undefined) {
      clearTimeout(pending.timer);
      pending.timer = undefined;
      pending.leftMs = Math.max(0, pending.dueAt - performance.now());
      this.deadline.set([NaN, pending.leftMs]);
    } else if (!paused && pending.timer === undefined) {
      this.startTimer(pending);
      this.deadline[0] = Date.now() + pending.leftMs;
    }
  }

  private settle(message: ResultMessage): void {
    const pending = this.pending;
    if (!pending || pending.requestId !== message.requestId) return;
    this.pending = undefined;
    stopTimers(pending);
    this.memoryBytes = message.memory;
    // The handler's error escaped it: the thread is exiting, so it takes no further invocation.
    if (message.fatal) this.end();
    pending.resolve({
      ok: message.ok,
      payload: message.payload,
      error: message.error,
      durationMs: message.duration,
      memoryBytes: message.memory,
    });
  }

  private timeout(afterMs: number): void {
    const pending = this.pending;
    if (!pending) return;
    this.pending = undefined;
    stopTimers(pending);
    this.timedOut = true;
    // The thread may be stuck in synchronous code: what it wrote so far is on the log port.
    this.drainLogs();
    pending.resolve({
      ok: false,
      error: timeoutError(pending.requestId, afterMs),
      durationMs: performance.now() - pending.started,
      memoryBytes: this.memoryBytes,
      ended: 'timeout',
    });
    void this.terminate();
  }

  /** Why the thread ended: V8's heap limit, the thread's own memory check, a signal, or its exit. */
  private exitCause(): ExitCause {
    if ((this.crash as NodeJS.ErrnoException | undefined)?.code === 'ERR_WORKER_OUT_OF_MEMORY')
      return 'out-of-memory';
    const ending = Atomics.load(this.ending, 0);
    if (ending === OUT_OF_MEMORY) return 'out-of-memory';
    return ending > 0 ? { signal: ending } : undefined;
  }

  /** Hands over, in order, the log lines the worker has posted and the runtime not yet read. */
  private drainLogs(): void {
    for (let m = receiveMessageOnPort(this.logs); m !== undefined; m = receiveMessageOnPort(this.logs))
      this.read(m.message as LogLine);
  }

  /** A line from the log port: handed over, and its characters given back to the writer. */
  private read(line: LogLine): void {
    Atomics.sub(this.logCredit, 0, line[2].length);
    Atomics.notify(this.logCredit, 0);
    this.onLog([line]);
  }

  private end(): void {
    if (!this.alive) return;
    this.alive = false;
    this.onEnd(this);
  }
}

function stopTimers(pending: Pending): void {
  clearTimeout(pending.timer);
  clearTimeout(pending.ceiling);
}

type ResultMessage = {
  type: 'result';
  requestId: string;
  ok: boolean;
  payload?: string;
  error?: LambdaError;
  duration: number;
  memory: number;
  fatal?: boolean;
};
type WorkerMessage =
  { type: 'ready' | 'init-error'; initDuration: number; error?: LambdaError } | ResultMessage;
