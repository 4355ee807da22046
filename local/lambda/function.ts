// A function as Lambda runs it: its settings, its log, a pool of execution environments, and
// the invocations under way, which `stop` waits for.
import { randomUUID } from 'node:crypto';
import { Environment, type EnvironmentSpec, type RunOutcome } from './environment.js';
import { stoppedError, throttledError, timeoutError } from './errors.js';
import { FunctionLog } from './function-log.js';
import { logStreamName } from './log-lines.js';
import { EnvironmentPool } from './pool.js';
import { resolveConfig } from './resolved-config.js';
import type { ResolvedConfig } from './types.js';
import type {
  FunctionConfig,
  FunctionStats,
  InvokeOptions,
  InvokeOutcome,
  LambdaError,
  LambdaFunction,
} from './types.js';
import { lambdaEnvironment } from './variables.js';

interface FunctionState {
  readonly settings: ResolvedConfig;
  readonly log: FunctionLog;
  readonly pool: EnvironmentPool;
  readonly counts: Omit<FunctionStats, 'environments' | 'busy' | 'idle'>;
  readonly running: Set<Promise<InvokeOutcome>>;
}

export function createFunction(config: FunctionConfig): LambdaFunction {
  const settings = resolveConfig(config);
  const log = new FunctionLog(settings);
  const state: FunctionState = {
    settings,
    log,
    pool: new EnvironmentPool(settings.maxConcurrency, settings.whenBusy, (onEnd, init) =>
      launch(settings, log, onEnd, init),
    ),
    counts: { invocations: 0, coldStarts: 0, errors: 0, throttles: 0 },
    running: new Set(),
  };
  // Plain closures, not methods: a caller may pass `fn.invoke` around on its own.
  return {
    functionName: settings.functionName,
    functionArn: settings.functionArn,
    invoke: (event, options) => tracked(state, event, options),
    prewarm: (count = 1) => state.pool.prewarm(count),
    refresh: () => state.pool.refresh(),
    stats: () => ({ ...state.pool.sizes(), ...state.counts }),
    stop: () => stop(state),
  };
}

function launch(
  settings: ResolvedConfig,
  log: FunctionLog,
  onEnd: (env: Environment) => void,
  init: EnvironmentSpec['init'] = { limitMs: settings.initTimeoutMs, phase: 'init' },
): Environment {
  const logStream = logStreamName(Date.now());
  const spec = {
    workerData: {
      handlerFile: settings.handlerFile,
      exportName: settings.exportName,
      handler: settings.handler,
      functionName: settings.functionName,
      functionVersion: '$LATEST',
      invokedFunctionArn: settings.functionArn,
      memorySize: settings.memorySize,
      logGroupName: settings.logGroup,
      // A debugger maps the bundle itself; an error's stack is mapped too while debugging.
      sourceMaps: settings.sourceMaps || settings.pauses !== undefined,
    },
    env: lambdaEnvironment(settings, logStream),
    memorySize: settings.memorySize,
    limitMemory: settings.limitMemory,
    timeoutMs: settings.timeoutMs,
    init,
    pauses: settings.pauses,
  };
  return new Environment(logStream, spec, (lines) => log.written(logStream, lines), onEnd);
}

function tracked(state: FunctionState, event: unknown, options: InvokeOptions = {}): Promise<InvokeOutcome> {
  const promise = invoke(state, event, options);
  state.running.add(promise);
  void promise.finally(() => state.running.delete(promise));
  return promise;
}

async function invoke(state: FunctionState, event: unknown, options: InvokeOptions): Promise<InvokeOutcome> {
  const { pool, counts } = state;
  if (pool.closed) return failure(stoppedError());
  counts.invocations++;
  const requestId = options.requestId ?? randomUUID();
  const acquired = pool.acquire();
  if (acquired === undefined) {
    counts.throttles++;
    return failure(throttledError());
  }
  const env = await acquired;
  if (env === undefined) return failure(stoppedError());
  const { outcome, ran } = await runIn(state, env, requestId, event);
  pool.release(ran);
  if (outcome.ok)
    return { ok: true, result: outcome.payload === undefined ? null : JSON.parse(outcome.payload) };
  counts.errors++;
  return failure(outcome.error!);
}

/** One invocation in `env`, after the environment's init, between START and REPORT. */
async function runIn(
  state: FunctionState,
  env: Environment,
  requestId: string,
  event: unknown,
): Promise<{ outcome: RunOutcome; ran: Environment }> {
  const cold = env.invocations === 0;
  let init = await env.ready;
  if (cold) state.counts.coldStarts++;
  const { timeoutMs } = state.settings;
  if (init.timedOut) {
    // Lambda retries a timed-out init within the invocation, bounded by the function's timeout.
    env.invocations++;
    env = state.pool.retryInit({ limitMs: timeoutMs, phase: 'invoke', requestId });
    state.log.started(env.logStream, requestId);
    init = await env.ready;
  } else state.log.started(env.logStream, requestId);
  const outcome = init.timedOut
    ? initFailed(env, timeoutError(requestId, timeoutMs), init.initDurationMs, 'timeout')
    : init.error
      ? initFailed(env, init.error, init.initDurationMs, 'exit')
      : await env.run(requestId, event, Date.now() + timeoutMs);
  state.log.finished(env.logStream, requestId, outcome, cold ? init.initDurationMs : undefined);
  return { outcome, ran: env };
}

/** Lambda retries a failed init on the next invocation, in a new environment. */
function initFailed(
  env: Environment,
  error: LambdaError,
  initDurationMs: number,
  ended: RunOutcome['ended'],
): RunOutcome {
  env.invocations++;
  void env.terminate();
  return { ok: false, error, durationMs: initDurationMs, memoryBytes: 0, ended };
}

async function stop(state: FunctionState): Promise<void> {
  state.pool.close();
  await Promise.allSettled([...state.running]);
  await state.pool.terminate();
}

function failure(error: LambdaError): InvokeOutcome {
  return { ok: false, error };
}
