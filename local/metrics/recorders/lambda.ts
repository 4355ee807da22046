import type { MetricStore } from '../store.js';
import { Handles } from './handles.js';

/**
 * AWS/Lambda metrics with Lambda's names: per function (dimension FunctionName) and account-wide
 * (no dimension), as Lambda publishes them.
 * https://docs.aws.amazon.com/lambda/latest/dg/monitoring-metrics-types.html
 */
export interface InvocationResult {
  functionName: string;
  /** Run time of the handler, ms (the REPORT line's Duration). */
  durationMs: number;
  /** The function threw, timed out or ran out of memory: Lambda counts it in Errors. */
  error: boolean;
}

/** What local/lambda's invoke answers (InvokeOutcome), as far as metrics read it. */
export interface TrackedOutcome {
  ok: boolean;
  error?: { errorType: string };
}

/** Resource keys: `both:<fn>` records by FunctionName and account-wide, `one:<fn>` by FunctionName only. */
const dimensionSets = (key: string) => {
  if (key === 'all') return [[]];
  const fn = [{ Name: 'FunctionName', Value: key.slice(key.indexOf(':') + 1) }];
  return key.startsWith('one:') ? [fn] : [fn, []];
};

export class LambdaMetrics {
  private readonly inFlight = new Map<string, number>();
  private total = 0;
  private readonly handles: Handles;

  constructor(store: MetricStore) {
    this.handles = new Handles(store, 'AWS/Lambda', dimensionSets);
  }

  /** Call when an invocation starts running (after any throttle check); records ConcurrentExecutions. */
  started(functionName: string): void {
    const n = (this.inFlight.get(functionName) ?? 0) + 1;
    this.inFlight.set(functionName, n);
    this.total++;
    // Concurrency per function and in the account are different gauges, not one value twice.
    this.handles.put(`one:${functionName}`, 'ConcurrentExecutions', 'Count', n);
    this.handles.put('all', 'ConcurrentExecutions', 'Count', this.total);
  }

  /** Call when an invocation that `started` ends: Invocations, Errors (0 or 1) and Duration. */
  finished(result: InvocationResult): void {
    this.release(result.functionName);
    const key = `both:${result.functionName}`;
    this.handles.put(key, 'Invocations', 'Count', 1);
    this.handles.put(key, 'Errors', 'Count', result.error ? 1 : 0);
    // Lambda publishes Errors and Throttles as 0 alongside each invocation, so charts have a line.
    this.handles.put(key, 'Throttles', 'Count', 0);
    this.handles.put(key, 'Duration', 'Milliseconds', result.durationMs);
  }

  /**
   * Wraps one invocation (local/lambda's `invoke`): ConcurrentExecutions while it runs, then
   * Invocations, Errors and Duration (wall time, ms), or Throttles when Lambda refused it with
   * TooManyRequestsException.
   */
  async track<T extends TrackedOutcome>(
    functionName: string,
    invoke: () => Promise<T>,
    clock: () => number = performance.now.bind(performance),
  ): Promise<T> {
    this.started(functionName);
    const begun = clock();
    let outcome: T;
    try {
      outcome = await invoke();
    } catch (e) {
      this.finished({ functionName, durationMs: clock() - begun, error: true });
      throw e;
    }
    if (!outcome.ok && outcome.error?.errorType === 'TooManyRequestsException') {
      this.release(functionName);
      this.throttled(functionName);
    } else this.finished({ functionName, durationMs: clock() - begun, error: !outcome.ok });
    return outcome;
  }

  /** Call when an invocation is refused for lack of concurrency (it is not counted in Invocations). */
  throttled(functionName: string): void {
    this.handles.put(`both:${functionName}`, 'Throttles', 'Count', 1);
  }

  private release(functionName: string): void {
    const n = this.inFlight.get(functionName) ?? 0;
    if (n > 0) {
      this.inFlight.set(functionName, n - 1);
      this.total--;
    }
  }
}
