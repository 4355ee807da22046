// The SQS event source mapping, played locally: pollers long-poll the queue through the SQS API,
// gather batches (BatchSize, MaximumBatchingWindowInSeconds), drop what FilterCriteria rejects,
// invoke the function and delete what it processed. A poller is added when a first receive comes
// back full (messages were waiting), or when the last listening poller starts an invocation, and
// retires when a receive finds the queue idle; never more than MaximumConcurrency.
// https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html
import type { Message } from '@aws-sdk/client-sqs';
import { invalidMapping } from './errors.js';
import { toRecord } from './event.js';
import { compileFilter } from './filter.js';
import { settle } from './outcome.js';
import { createSqsCalls, sleep } from './sqs.js';
import type { InvokeOutcome } from '../lambda/index.js';
import type {
  BatchReport,
  EventSourceMapping,
  EventSourceMappingOptions,
  MappingStats,
  SqsRecord,
} from './types.js';

export type * from './types.js';
export { EventSourceError } from './errors.js';
export { launchMappingThread, type MappingThreadLauncher } from './thread.js';

/** ScalingConfig is optional in AWS (then up to 1,000); locally a handful of pollers is plenty. */
export const DEFAULT_MAXIMUM_CONCURRENCY = 5;
const MIN_POLLERS = 1;
/** Pause before the next receive of a batch that the last one did not fill. */
const GATHER_MS = 20;

function check(ok: boolean, message: string): void {
  if (!ok) throw invalidMapping(message);
}

/** The options a mapping is configured with, without what it is wired to (client, callbacks). */
export type MappingConfig = Omit<EventSourceMappingOptions, 'sqs' | 'invoke' | 'onBatch' | 'onError'>;

/**
 * Checks a mapping's options as Lambda does when the mapping is created; throws
 * EventSourceError naming the option (InvalidMapping) or the pattern (InvalidFilter). Answers the filter.
 */
export function checkMappingConfig(options: MappingConfig): ReturnType<typeof compileFilter> {
  const batchSize = options.batchSize ?? 10;
  const windowSeconds = options.maximumBatchingWindowInSeconds ?? 0;
  const cap = options.maximumConcurrency ?? DEFAULT_MAXIMUM_CONCURRENCY;
  check(
    Number.isInteger(batchSize) && batchSize >= 1 && batchSize <= 10_000,
    `BatchSize must be an integer from 1 to 10000, got ${batchSize}`,
  );
  check(
    windowSeconds >= 0 && windowSeconds <= 300,
    `MaximumBatchingWindowInSeconds must be from 0 to 300, got ${windowSeconds}`,
  );
  check(
    batchSize <= 10 || windowSeconds >= 1,
    'BatchSize above 10 needs MaximumBatchingWindowInSeconds of at least 1',
  );
  check(
    Number.isInteger(cap) && cap >= 2 && cap <= 1000,
    `ScalingConfig.MaximumConcurrency must be an integer from 2 to 1000, got ${cap}`,
  );
  for (const type of options.functionResponseTypes ?? []) {
    check(
      type === 'ReportBatchItemFailures',
      `FunctionResponseTypes may only hold "ReportBatchItemFailures", got "${type}"`,
    );
  }
  return compileFilter(options.filterCriteria);
}

export function startEventSourceMapping(options: EventSourceMappingOptions): EventSourceMapping {
  const filter = checkMappingConfig(options);
  const batchSize = options.batchSize ?? 10;
  const windowSeconds = options.maximumBatchingWindowInSeconds ?? 0;
  const cap = options.maximumConcurrency ?? DEFAULT_MAXIMUM_CONCURRENCY;
  const responseTypes = options.functionResponseTypes ?? [];
  const reportFailures = responseTypes.includes('ReportBatchItemFailures');
  const fifo = options.queueUrl.endsWith('.fifo') || options.queueArn.endsWith('.fifo');
  const waitTimeSeconds = options.waitTimeSeconds ?? 20;

  const stats: MappingStats = {
    pollers: 0,
    inFlight: 0,
    maxInFlight: 0,
    received: 0,
    invocations: 0,
    succeeded: 0,
    failed: 0,
    filtered: 0,
    sqsErrors: 0,
  };
  const controller = new AbortController();
  const signal = controller.signal;
  let running = options.enabled !== false;
  const pollers = new Set<Promise<void>>();
  const calls = createSqsCalls(options.sqs, options.queueUrl, {
    baseMs: options.retryBaseMs ?? 100,
    stopping: () => !running,
    onError: (error, action) => {
      stats.sqsErrors++;
      options.onError?.(error, action);
    },
  });

  /**
   * One batch: a long poll, then, inside the batching window, more receives until BatchSize. A
   * long poll answers as soon as one message is there, so asking again at once would bring one
   * message per receive under a steady flow (an SDK round trip each); a pause of GATHER_MS first
   * lets the queue fill the next receive. `backlog` says the first receive came back full: the
   * messages were already waiting, which is what adds a poller.
   */
  async function collect(): Promise<{ batch: Message[]; backlog: boolean }> {
    const want = Math.min(10, batchSize);
    const batch = await calls.receive(want, waitTimeSeconds, signal);
    const backlog = batch.length >= want;
    if (batch.length === 0 || windowSeconds === 0) return { batch, backlog };
    const deadline = Date.now() + windowSeconds * 1000;
    let filled = backlog;
    while (batch.length < batchSize && !signal.aborted) {
      if (!filled) await sleep(Math.min(GATHER_MS, deadline - Date.now()), signal);
      const remaining = deadline - Date.now();
      if (remaining <= 0 || signal.aborted) break;
      const wait = Math.min(20, Math.floor(remaining / 1000));
      const asked = Math.min(10, batchSize - batch.length);
      const more = await calls.receive(asked, wait, signal);
      batch.push(...more);
      filled = more.length >= asked;
      if (more.length === 0 && wait === 0) await sleep(Math.min(remaining, 50), signal);
    }
    return { batch, backlog };
  }

  async function invoke(records: SqsRecord[]): Promise<InvokeOutcome> {
    stats.invocations++;
    stats.inFlight++;
    stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
    try {
      return await options.invoke({ Records: records });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return { ok: false, error: { errorType: 'InvokeError', errorMessage: message } };
    } finally {
      stats.inFlight--;
    }
  }

  async function process(messages: Message[]): Promise<void> {
    const started = Date.now();
    // A message received twice in one batch keeps only its latest receipt handle.
    const byId = new Map<string, SqsRecord>();
    for (const m of messages) byId.set(m.MessageId ?? '', toRecord(m, options.queueArn, options.region));
    const records = [...byId.values()];
    stats.received += records.length;
    const passed = filter ? records.filter(filter) : records;
    const dropped = records.length - passed.length;
    if (dropped > 0) {
      const keep = new Set(passed);
      await calls.delete(records.filter((r) => !keep.has(r)).map((r) => r.receiptHandle));
      stats.filtered += dropped;
    }
    const report: BatchReport = {
      size: records.length,
      succeeded: 0,
      failed: 0,
      filtered: dropped,
      outcome: 'filtered',
      durationMs: 0,
    };
    if (passed.length > 0) {
      const settlement = settle(passed, await invoke(passed), reportFailures, fifo);
      if (settlement.done.length > 0) await calls.delete(settlement.done.map((r) => r.receiptHandle));
      stats.succeeded += settlement.done.length;
      stats.failed += settlement.failed.length;
      report.succeeded = settlement.done.length;
      report.failed = settlement.failed.length;
      report.outcome =
        settlement.failed.length === 0 ? 'success' : settlement.done.length === 0 ? 'failure' : 'partial';
      if (settlement.reason) report.reason = settlement.reason;
    }
    report.durationMs = Date.now() - started;
    options.onBatch?.(report);
  }

  /** Pollers waiting on a receive (not invoking or deleting). */
  let listening = 0;

  async function poll(): Promise<void> {
    while (running) {
      listening++;
      const { batch, backlog } = await collect().finally(() => listening--);
      if (batch.length === 0) {
        if (stats.pollers > MIN_POLLERS) return; // idle: retire this poller
        continue;
      }
      // Messages were waiting: add a poller. And one always listens: a slow invocation must not
      // hold up a message that arrives meanwhile (Lambda polls with several pollers at once).
      if (backlog || listening === 0) spawn();
      try {
        await process(batch);
      } catch (error) {
        // Whatever went wrong, the batch stays on the queue and comes back after its visibility timeout.
        options.onError?.(error, 'process');
        await sleep(1000, signal);
      }
      // No backlog when it asked: fewer pollers keep up, and each fills its batches sooner.
      if (!backlog && stats.pollers > MIN_POLLERS) return;
    }
  }

  function spawn(): void {
    if (!running || stats.pollers >= cap) return;
    stats.pollers++;
    const poller: Promise<void> = poll().finally(() => {
      stats.pollers--;
      pollers.delete(poller);
    });
    pollers.add(poller);
  }

  if (running) spawn();

  return {
    stats: () => ({ ...stats }),
    async stop() {
      running = false;
      controller.abort();
      while (pollers.size > 0) await Promise.all([...pollers]);
    },
  };
}
