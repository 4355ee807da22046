// A function's pool of execution environments: an idle one is reused (warm), a new one is
// started (cold) while fewer than `maxConcurrency` exist, else the invocation waits (or is
// throttled). An environment an invocation ended is dropped; the next invocation starts another.
import { randomUUID } from 'node:crypto';
import { DEFAULTS, functionArn as arnOf } from '../config/index.js';
import { LambdaConfigError, stoppedError, throttledError } from './errors.js';
import { checkEnvironment, lambdaEnvironment } from './variables.js';
import { Environment, type LogLine, type RunOutcome } from './environment.js';
import { endLine, logStreamName, reportLine, startLine } from './logs.js';
import type {
  FunctionConfig,
  FunctionStats,
  InvokeOutcome,
  LambdaError,
  LambdaFunction,
  LogRecord,
} from './types.js';

const MB = 1024 * 1024;

export function createFunction(config: FunctionConfig): LambdaFunction {
  checkEnvironment(config.functionName, config.environment);
  const functionArn = arnOf(
    config.region ?? DEFAULTS.region,
    config.accountId ?? DEFAULTS.accountId,
    config.functionName,
  );
  const memorySize = config.memorySize ?? 128;
  const timeoutMs = (config.timeout ?? 3) * 1000;
  const maxConcurrency = config.maxConcurrency ?? 10;
  if (!Number.isInteger(maxConcurrency) || maxConcurrency < 1)
    throw new LambdaConfigError(
      `${config.functionName}: maxConcurrency must be a positive integer, got ${maxConcurrency}`,
    );
  const logGroup = config.logGroup ?? `/aws/lambda/${config.functionName}`;
  const sink = config.onLog ?? (() => undefined);
  const sourceMaps = /(^|\s)--enable-source-maps(\s|$)/.test(config.environment?.NODE_OPTIONS ?? '');

  const all = new Set<Environment>();
  const idle: Environment[] = [];
  // Invocations waiting for an environment at the cap; undefined when the function stops.
  const waiters: ((env: Environment | undefined) => void)[] = [];
  const running = new Set<Promise<unknown>>();
  const counts = { invocations: 0, coldStarts: 0, errors: 0, throttles: 0 };
  let stopped = false;

  function emit(env: Environment, timestamp: number, requestId: string | undefined, message: string): void {
    const record: LogRecord = {
      logGroup,
      logStream: env.logStream,
      timestamp,
      message,
      functionName: config.functionName,
      requestId,
    };
    sink(record);
  }

  function onLog(env: Environment, lines: LogLine[]): void {
    for (const [timestamp, requestId, text, raw] of lines) {
      const body = text.endsWith('\n') ? text.slice(0, -1) : text;
      // A console call is one record (as the Node.js runtime sends it); raw writes are split by line.
      if (raw) for (const line of body.split('\n')) emit(env, timestamp, requestId, line);
      else emit(env, timestamp, requestId, body);
    }
  }

  function startEnvironment(): Environment {
    const logStream = logStreamName(Date.now());
    const env: Environment = new Environment(
      logStream,
      {
        workerData: {
          handlerFile: config.handlerFile,
          exportName: config.exportName,
          handler: config.handler,
          functionName: config.functionName,
          functionVersion: '$LATEST',
          invokedFunctionArn: functionArn,
          memorySize,
          logGroupName: logGroup,
          sourceMaps,
        },
        env: lambdaEnvironment(config, logGroup, logStream),
        memorySize,
        limitMemory: config.limitMemory ?? true,
        timeoutMs,
      },
      (lines) => onLog(env, lines),
      (ended) => {
        all.delete(ended);
        const at = idle.indexOf(ended);
        if (at !== -1) idle.splice(at, 1);
        // A waiter blocked on the cap gets the replacement.
        if (waiters.length > 0 && !stopped) waiters.shift()!(startEnvironment());
      },
    );
    all.add(env);
    return env;
  }

  function acquire(): Environment | Promise<Environment | undefined> | undefined {
    const warm = idle.pop();
    if (warm) return warm;
    if (all.size < maxConcurrency) return startEnvironment();
    if (config.whenBusy === 'throttle') return undefined;
    return new Promise((resolve) => waiters.push(resolve));
  }

  function release(env: Environment): void {
    if (!env.alive) return;
    const next = waiters.shift();
    if (next) next(env);
    else idle.push(env);
  }

  async function invoke(event: unknown, options: { requestId?: string } = {}): Promise<InvokeOutcome> {
    if (stopped) return failure(stoppedError());
    counts.invocations++;
    const requestId = options.requestId ?? randomUUID();
    const got = acquire();
    if (got === undefined) {
      counts.throttles++;
      return failure(throttledError());
    }
    const env = await got;
    if (env === undefined) return failure(stoppedError());
    const cold = env.invocations === 0;
    const init = await env.ready;
    if (cold) counts.coldStarts++;
    emit(env, Date.now(), requestId, startLine(requestId));
    let outcome: RunOutcome;
    if (init.error) {
      // Lambda retries a failed init on the next invocation, in a new environment.
      outcome = {
        ok: false,
        error: init.error,
        durationMs: init.initDurationMs,
        memoryBytes: 0,
        ended: 'exit',
      };
      env.invocations++;
      void env.terminate();
    } else outcome = await env.run(requestId, event, Date.now() + timeoutMs);
    finishLog(env, requestId, outcome, cold ? init.initDurationMs : undefined);
    release(env);
    if (outcome.ok)
      return { ok: true, result: outcome.payload === undefined ? null : JSON.parse(outcome.payload) };
    counts.errors++;
    return failure(outcome.error!);
  }

  function finishLog(
    env: Environment,
    requestId: string,
    outcome: RunOutcome,
    initDurationMs?: number,
  ): void {
    const now = Date.now();
    if (outcome.ended === 'timeout')
      emit(
        env,
        now,
        requestId,
        `${new Date(now).toISOString()} ${requestId} Task timed out after ${(timeoutMs / 1000).toFixed(2)} seconds`,
      );
    else if (outcome.ended === 'exit' && outcome.error)
      emit(env, now, requestId, `${outcome.error.errorMessage}\n${outcome.error.errorType}`);
    emit(env, now, requestId, endLine(requestId));
    const report = reportLine({
      requestId,
      durationMs: outcome.durationMs,
      memorySize,
      // An environment killed for memory used all of it.
      maxMemoryUsedMb:
        outcome.error?.errorType === 'Runtime.OutOfMemory'
          ? memorySize
          : Math.max(1, Math.round(outcome.memoryBytes / MB)),
      ...(initDurationMs === undefined ? {} : { initDurationMs }),
      ...(outcome.ended === 'timeout'
        ? { status: { status: 'timeout' as const } }
        : outcome.ended === 'exit'
          ? {
              status: {
                status: 'error' as const,
                errorType: outcome.error?.errorType ?? 'Runtime.ExitError',
              },
            }
          : {}),
    });
    emit(env, now, requestId, report);
  }

  function tracked(event: unknown, options?: { requestId?: string }): Promise<InvokeOutcome> {
    const promise = invoke(event, options);
    running.add(promise);
    void promise.finally(() => running.delete(promise));
    return promise;
  }

  return {
    functionName: config.functionName,
    functionArn,
    invoke: tracked,
    async prewarm(count = 1) {
      const started: Environment[] = [];
      while (started.length < count && all.size < maxConcurrency) started.push(startEnvironment());
      await Promise.all(started.map((env) => env.ready));
      for (const env of started) release(env);
    },
    stats(): FunctionStats {
      return { environments: all.size, busy: all.size - idle.length, idle: idle.length, ...counts };
    },
    async stop() {
      stopped = true;
      for (const waiter of waiters.splice(0)) waiter(undefined);
      await Promise.allSettled([...running]);
      await Promise.all([...all].map((env) => env.terminate()));
    },
  };
}

function failure(error: LambdaError): InvokeOutcome {
  return { ok: false, error };
}
