import type { MetricStore } from '../store.js';

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

const NS = 'AWS/Lambda';

export class LambdaMetrics {
  private readonly inFlight = new Map<string, number>();
  private total = 0;

  constructor(private readonly store: MetricStore) {}

  /** Call when an invocation starts running (after any throttle check); records ConcurrentExecutions. */
  started(functionName: string): void {
    const n = (this.inFlight.get(functionName) ?? 0) + 1;
    this.inFlight.set(functionName, n);
    this.total++;
    const now = this.store.now();
    this.store.put(
      NS,
      'ConcurrentExecutions',
      [{ Name: 'FunctionName', Value: functionName }],
      n,
      now,
      'Count',
    );
    this.store.put(NS, 'ConcurrentExecutions', [], this.total, now, 'Count');
  }

  /** Call when an invocation that `started` ends: Invocations, Errors (0 or 1) and Duration. */
  finished(result: InvocationResult): void {
    const n = this.inFlight.get(result.functionName) ?? 0;
    if (n > 0) {
      this.inFlight.set(result.functionName, n - 1);
      this.total--;
    }
    const now = this.store.now();
    for (const dims of this.dims(result.functionName)) {
      this.store.put(NS, 'Invocations', dims, 1, now, 'Count');
      this.store.put(NS, 'Errors', dims, result.error ? 1 : 0, now, 'Count');
      this.store.put(NS, 'Duration', dims, result.durationMs, now, 'Milliseconds');
    }
  }

  /** Call when an invocation is refused for lack of concurrency (it is not counted in Invocations). */
  throttled(functionName: string): void {
    const now = this.store.now();
    for (const dims of this.dims(functionName)) this.store.put(NS, 'Throttles', dims, 1, now, 'Count');
  }

  private dims(functionName: string) {
    return [[{ Name: 'FunctionName', Value: functionName }], []];
  }
}
